/** An image generator behind one interface (OpenAI images, Leonardo). */
export interface ImageGenerator {
  readonly name: string;
  /** Generates one image for the prompt and returns its bytes (PNG or JPEG). */
  generate(prompt: string, o: { width: number; height: number; signal?: AbortSignal }): Promise<Buffer>;
}

/** A generator failure in plain words (bad key, content refused, timed out). */
export class ImageGenerationError extends Error {}
