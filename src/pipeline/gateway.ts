import type { TSchema } from "@sinclair/typebox";
import type { AppContext } from "../app/context";
import type { LlmGateway, StructuredRequest, StructuredResult } from "../llm/types";

/**
 * Until the provider gateway (src/llm) is wired in, every call answers "fallback" and the built-in
 * offline writer writes: exactly what the real gateway does when no provider is configured.
 */
class BuiltinOnlyGateway implements LlmGateway {
  async generateStructured<S extends TSchema>(_req: StructuredRequest<S>): Promise<StructuredResult<S>> {
    return { kind: "fallback", reason: "no model provider is configured" };
  }
}

/** The gateway the pipeline, the CLI and the worker use. The one place to plug in the provider gateway. */
export function pipelineGateway(_ctx: AppContext): LlmGateway {
  return new BuiltinOnlyGateway();
}
