/** A button that asks for an export (POST /exports) and lands on its page with live progress, then the download. */
export function ExportForm(props: { csrf: string; what: "item" | "batch" | "account"; id: number; label: string }): JSX.Element {
  return (
    <form method="post" action="/exports" class="export-form">
      <input type="hidden" name="_csrf" value={props.csrf} />
      <input type="hidden" name="what" value={props.what} />
      <input type="hidden" name="id" value={String(props.id)} />
      <button type="submit" class="secondary" safe>
        {props.label}
      </button>
    </form>
  );
}
