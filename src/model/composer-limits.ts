/** The most images one composed post keeps (the largest carousel the composer offers: Instagram's and Facebook's 10). */
export const COMPOSER_MAX_IMAGES = 10;
