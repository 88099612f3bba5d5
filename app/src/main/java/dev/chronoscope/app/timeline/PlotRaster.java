package dev.chronoscope.app.timeline;

import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;

import java.util.Arrays;

/**
 * An ARGB pixel buffer for the timeline's plot area. Thousands of pixel-aligned rectangles are
 * filled straight into an int[] and handed to the canvas as one image: the software pipeline would
 * otherwise rasterise (and anti-alias) every rectangle as a separate shape.
 */
public final class PlotRaster {
    private int width, height;
    private int[] pixels = new int[0];
    private WritableImage image;

    public void reset(int w, int h, int argb) {
        if (w != width || h != height) {
            width = Math.max(1, w);
            height = Math.max(1, h);
            pixels = new int[width * height];
            image = new WritableImage(width, height);
        }
        Arrays.fill(pixels, argb);
    }

    public int width() { return width; }

    public int height() { return height; }

    /** Fills [x0, x1) × [y0, y1), clipped to the buffer. */
    public void fill(int x0, int y0, int x1, int y1, int argb) {
        x0 = Math.max(0, x0); y0 = Math.max(0, y0);
        x1 = Math.min(width, x1); y1 = Math.min(height, y1);
        if (x0 >= x1 || y0 >= y1) return;
        for (int y = y0; y < y1; y++) Arrays.fill(pixels, y * width + x0, y * width + x1, argb);
    }

    /** Blends a translucent colour over [x0, x1) × [y0, y1). */
    public void blend(int x0, int y0, int x1, int y1, int argb) {
        x0 = Math.max(0, x0); y0 = Math.max(0, y0);
        x1 = Math.min(width, x1); y1 = Math.min(height, y1);
        int a = argb >>> 24, r = (argb >> 16) & 255, g = (argb >> 8) & 255, b = argb & 255;
        for (int y = y0; y < y1; y++) {
            for (int i = y * width + x0, e = y * width + x1; i < e; i++) {
                int p = pixels[i];
                int pr = (p >> 16) & 255, pg = (p >> 8) & 255, pb = p & 255;
                pixels[i] = 0xff000000 | ((pr + (r - pr) * a / 255) << 16) | ((pg + (g - pg) * a / 255) << 8) | (pb + (b - pb) * a / 255);
            }
        }
    }

    public WritableImage toImage() {
        image.getPixelWriter().setPixels(0, 0, width, height, PixelFormat.getIntArgbInstance(), pixels, 0, width);
        return image;
    }

    public static int argb(Color c) {
        return ((int) Math.round(c.getOpacity() * 255) << 24) | ((int) Math.round(c.getRed() * 255) << 16)
                | ((int) Math.round(c.getGreen() * 255) << 8) | (int) Math.round(c.getBlue() * 255);
    }
}
