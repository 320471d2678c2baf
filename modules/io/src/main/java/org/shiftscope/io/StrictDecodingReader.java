package org.shiftscope.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;

/**
 * A reader that decodes strictly and, on malformed input, first hands out every character decoded before the bad
 * bytes, and only then throws {@link BadBytesException}. A tokenizer reading from it therefore knows the exact line
 * the bad bytes are on.
 */
final class StrictDecodingReader extends Reader {

    /** Thrown at the first byte that is not valid in the charset. */
    static final class BadBytesException extends IOException {
        final long byteOffset;

        BadBytesException(long byteOffset) {
            super("malformed input at byte " + byteOffset);
            this.byteOffset = byteOffset;
        }
    }

    private final InputStream in;
    private final CharsetDecoder decoder;
    private final ByteBuffer bytes = ByteBuffer.allocate(1 << 16);
    private long bytesConsumed;
    private boolean eof;
    private boolean flushed;
    private BadBytesException pending;

    StrictDecodingReader(InputStream in, java.nio.charset.Charset charset) {
        this.in = in;
        this.decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        bytes.flip();
    }

    @Override
    public int read(char[] cbuf, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (flushed) {
            return -1;
        }
        CharBuffer out = CharBuffer.wrap(cbuf, off, len);
        while (out.position() == off) {
            if (pending != null) {
                throw pending;
            }
            if (!eof && bytes.remaining() < 16) {
                bytes.compact();
                int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
                if (n < 0) {
                    eof = true;
                } else {
                    bytes.position(bytes.position() + n);
                }
                bytes.flip();
            }
            int before = bytes.position();
            CoderResult result = decoder.decode(bytes, out, eof);
            bytesConsumed += bytes.position() - before;
            if (result.isError()) {
                pending = new BadBytesException(bytesConsumed);
            } else if (eof && !bytes.hasRemaining()) {
                decoder.flush(out);
                flushed = true;
                if (out.position() == off) {
                    return -1;
                }
            }
        }
        return out.position() - off;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
