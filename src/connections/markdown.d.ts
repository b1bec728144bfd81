// Markdown files imported as text (Bun's `with { type: "text" }`), so the guides ship inside the compiled binary too.
declare module "*.md" {
  const text: string;
  export default text;
}
