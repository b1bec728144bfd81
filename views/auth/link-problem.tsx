import { AuthPage } from "../layout/page";

/** A clear page for a link that cannot be used (expired, used, mistyped); nothing was changed. */
export function LinkProblemPage(props: { title: string; message: string; next: { href: string; label: string } }): JSX.Element {
  return (
    <AuthPage title={props.title}>
      <>
        <div class="notice notice-error" role="alert" safe>
          {props.message}
        </div>
        <p>
          <a class="button" href={props.next.href} safe>
            {props.next.label}
          </a>
        </p>
      </>
    </AuthPage>
  );
}
