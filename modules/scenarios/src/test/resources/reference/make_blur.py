"""Reference for TargetShiftTest.blurMatchesScipy: a seeded 9x7 grayscale image and its Gaussian blur (sigma 1,
edges clamped = mode "nearest", radius 3 = truncate 3) by scipy.ndimage, rounded to 8 bits.
Run with Debian's interpreter from this directory:  /usr/bin/python3 make_blur.py"""
import numpy as np
from scipy.ndimage import gaussian_filter

img = np.random.RandomState(0).randint(0, 256, size=(7, 9)).astype(np.float64)  # height 7, width 9
out = gaussian_filter(img, sigma=1.0, mode="nearest", truncate=3.0)
np.savetxt("blur_in.csv", img, fmt="%d", delimiter=",")
np.savetxt("blur_out.csv", out, fmt="%.6f", delimiter=",")
