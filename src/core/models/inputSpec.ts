/** Input side of the built-in CNN family (32×32×3). Kept free of TF.js so the page can import it cheaply. */
export const INPUT_SIDE = 32;
/**
 * Side at which the user's own images are also kept, for photo sources (MobileNet takes 224).
 * Stored uint8 like the small copy: 147 KB per image, so 1,000 photos are ~150 MB, not 600.
 */
export const LARGE_SIDE = 224;
