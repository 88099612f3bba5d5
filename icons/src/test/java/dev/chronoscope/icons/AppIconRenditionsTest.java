package dev.chronoscope.icons;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every PNG rendition the window and the installers use is on the classpath at its nominal size. */
class AppIconRenditionsTest {

    @ParameterizedTest
    @ValueSource(ints = {16, 32, 48, 64, 128, 256, 512})
    void renditionExistsAtItsSize(int size) throws IOException {
        String path = "/dev/chronoscope/icons/app/chronoscope-" + size + ".png";
        try (InputStream in = AppIconRenditionsTest.class.getResourceAsStream(path)) {
            assertThat(in).as(path + " (run icons/render-icons.sh)").isNotNull();
            BufferedImage image = ImageIO.read(in);
            assertThat(image.getWidth()).isEqualTo(size);
            assertThat(image.getHeight()).isEqualTo(size);
            // Transparent corners: the icon is a rounded square, not a filled tile.
            assertThat(image.getRGB(0, 0) >>> 24).isZero();
        }
    }
}
