/** Input side of the built-in CNN family (32×32×3). Kept free of TF.js so the page can import it cheaply. */
export const INPUT_SIDE = 32;
