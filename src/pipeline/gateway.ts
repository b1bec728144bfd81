import type { AppContext } from "../app/context";
import { createLlmGateway } from "../llm/gateway";
import type { LlmGateway } from "../llm/types";

/**
 * The gateway the pipeline, the CLI and the worker use: the configured providers in fallback order,
 * answering "fallback" (so the built-in offline writer writes) when none is configured or the budget is spent.
 */
export function pipelineGateway(ctx: AppContext): LlmGateway {
  return createLlmGateway(ctx);
}
