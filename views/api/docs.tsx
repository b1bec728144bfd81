import type { OpenApiOperation } from "../../src/api/openapi-parts";
import { Document } from "../layout/page";

type Schema = {
  $ref?: string;
  type?: string | string[];
  description?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  anyOf?: Schema[];
  maxLength?: number;
  maxItems?: number;
  pattern?: string;
  format?: string;
};
type Doc = {
  info: { title: string; description: string };
  servers?: { url: string }[];
  tags?: { name: string; description: string }[];
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { schemas: Record<string, Schema> };
};

function refName(s: Schema | undefined): string | undefined {
  return s?.$ref?.split("/").pop();
}

function typeOf(s: Schema): string {
  const name = refName(s);
  if (name) return name;
  if (s.enum) return s.enum.map((e) => JSON.stringify(e)).join(" | ");
  if (s.anyOf) return s.anyOf.map(typeOf).join(" | ");
  if (s.type === "array" && s.items) return `array of ${typeOf(s.items)}`;
  const base = Array.isArray(s.type) ? s.type.join(" | ") : (s.type ?? "any");
  return s.format ? `${base} (${s.format})` : base;
}

function constraints(s: Schema): string {
  const parts: string[] = [];
  if (s.maxLength !== undefined) parts.push(`at most ${s.maxLength} characters`);
  if (s.maxItems !== undefined) parts.push(`at most ${s.maxItems} items`);
  if (s.pattern) parts.push(`matches ${s.pattern}`);
  return parts.join("; ");
}

function SchemaTable(props: { name: string; schema: Schema }): JSX.Element {
  const props_ = props.schema.properties ?? {};
  const required = new Set(props.schema.required ?? []);
  return (
    <section class="schema" id={`schema-${props.name}`}>
      <h3 safe>{props.name}</h3>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">Type</th>
              <th scope="col">Description</th>
            </tr>
          </thead>
          <tbody>
            {
              Object.entries(props_)
                .map(([field, s]) => (
                  <tr>
                    <td>
                      <code safe>{field}</code> {required.has(field) ? <span class="badge warn">required</span> : ""}
                    </td>
                    <td>
                      <code safe>{typeOf(s)}</code>
                    </td>
                    <td>
                      <span safe>{s.description ?? ""}</span>{" "}
                      <span class="muted" safe>
                        {constraints(s)}
                      </span>
                    </td>
                  </tr>
                ))
                .join("") as "safe"
            }
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Operation(props: { method: string; path: string; op: OpenApiOperation }): JSX.Element {
  const op = props.op;
  const body = refName((op.requestBody?.content["application/json"]?.schema as Schema) ?? undefined);
  return (
    <article class="card stack api-op" id={op.operationId}>
      <h3>
        <span class={`method method-${props.method}`} safe>
          {props.method.toUpperCase()}
        </span>{" "}
        <code safe>{props.path}</code>
      </h3>
      <p>
        <strong safe>{op.summary}</strong>
        {op.security && op.security.length === 0 ? <span class="badge">no token needed</span> : ""}
      </p>
      {op.description ? <p safe>{op.description}</p> : ""}
      {op.parameters?.length ? (
        <p>Path parameters: {op.parameters.map((p) => <code safe>{`${p.name}: ${p.description ?? ""}`}</code>).join(", ") as "safe"}</p>
      ) : (
        ""
      )}
      {body ? (
        <p>
          Body:{" "}
          <a href={`#schema-${body}`} safe>
            {body}
          </a>{" "}
          (JSON)
        </p>
      ) : (
        ""
      )}
      <ul class="responses">
        {
          Object.entries(op.responses)
            .map(([status, r]) => {
              const schema = refName(r.content?.["application/json"]?.schema as Schema);
              return (
                <li>
                  <code safe>{status}</code> <span safe>{r.description}</span>{" "}
                  {schema ? (
                    <a href={`#schema-${schema}`} safe>
                      {schema}
                    </a>
                  ) : (
                    ""
                  )}
                </li>
              );
            })
            .join("") as "safe"
        }
      </ul>
    </article>
  );
}

/** /api/docs: a readable page rendered from the OpenAPI document (no external UI bundle). */
export function ApiDocsPage(props: { doc: Doc }): JSX.Element {
  const d = props.doc;
  const base = d.servers?.[0]?.url ?? "";
  const ops = Object.entries(d.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })));
  return (
    <Document title="API documentation">
      <main class="api-docs">
        <nav class="breadcrumb" aria-label="Breadcrumb">
          <a href="/dashboard">← Back to the app</a>
          <span aria-hidden="true"> · </span>
          <a href="/settings#tokens">API tokens in Settings</a>
        </nav>
        <h1 safe>{d.info.title}</h1>
        <p safe>{d.info.description}</p>
        <pre class="secret">
          <code safe>{`curl -H "Authorization: Bearer amk_..." ${base}/api/v1/me`}</code>
        </pre>
        <p>
          Machine-readable: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a> (OpenAPI 3.1).
        </p>
        {
          (d.tags ?? [])
            .map((tag) => (
              <section>
                <h2 safe>{tag.name}</h2>
                <p class="muted" safe>
                  {tag.description}
                </p>
                {
                  ops
                    .filter((o) => o.op.tags?.includes(tag.name))
                    .map((o) => <Operation method={o.method} path={o.path} op={o.op} />)
                    .join("") as "safe"
                }
              </section>
            ))
            .join("") as "safe"
        }
        <h2>Schemas</h2>
        {
          Object.entries(d.components.schemas)
            .map(([name, s]) => <SchemaTable name={name} schema={s} />)
            .join("") as "safe"
        }
      </main>
    </Document>
  );
}
