/**
 * How many passes of preferred fixes are made over one text before giving up: a fix whose result brings its finding
 * back would otherwise never end. Real fixes settle in two or three. Apart from the passes so that the command line's
 * help, loaded alone, can say it.
 */
export const MAX_FIX_PASSES = 10;
