package dev.chronoscope.engine.tokenizer;

/**
 * GPT-2's reversible byte → printable character map used by byte-level BPE: printable Latin-1
 * bytes map to themselves, the others to characters from U+0100 upwards in byte order.
 */
final class ByteUnicode {
    private static final char[] TO_CHAR = new char[256];
    private static final int[] TO_BYTE = new int[512];

    static {
        java.util.Arrays.fill(TO_BYTE, -1);
        int next = 0;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            char c = printable ? (char) b : (char) (256 + next++);
            TO_CHAR[b] = c;
            TO_BYTE[c] = b;
        }
    }

    private ByteUnicode() {}

    static char toChar(int b) { return TO_CHAR[b & 0xff]; }

    /** The byte of a mapped character, or -1 when the character is not one. */
    static int toByte(char c) { return c < TO_BYTE.length ? TO_BYTE[c] : -1; }
}
