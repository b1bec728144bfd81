// A deliberately unsafe view: the test runner's self-check proves xss-scan flags this file.
// It lives outside src/ and views/, so the real scan never sees it.

/** Renders a user-supplied name WITHOUT escaping it (the mistake the scan must catch). */
export function UnsafeGreeting(props: { name: string }): JSX.Element {
  return <p>{props.name}</p>;
}
