package io.sophra.registry.http;

import io.vertx.core.buffer.Buffer;
import java.util.function.Consumer;

/**
 * Splits a byte stream into numbered lines (LF or CRLF), as it arrives, never holding more than one
 * line. A line longer than {@code maxLength} bytes is not kept: it is handed on as too long (its
 * bytes skipped up to the next newline), so one bad line costs that line only. Blank lines count in
 * the numbering and are not handed on. Vert.x's {@code RecordParser} fails the whole stream on an
 * overlong record instead, hence this small splitter.
 */
final class NdjsonLines {

  /** Line {@code number} (from 1); {@code text} is null when the line was longer than the limit. */
  record Line(long number, Buffer text) {

    boolean tooLong() {
      return text == null;
    }
  }

  private final int maxLength;
  private final Consumer<Line> sink;
  private Buffer current = Buffer.buffer();
  private boolean overflow;
  private long number;

  NdjsonLines(int maxLength, Consumer<Line> sink) {
    this.maxLength = maxLength;
    this.sink = sink;
  }

  void feed(Buffer chunk) {
    int start = 0;
    for (int i = 0; i < chunk.length(); i++) {
      if (chunk.getByte(i) == '\n') {
        append(chunk, start, i);
        emit();
        start = i + 1;
      }
    }
    append(chunk, start, chunk.length());
  }

  /** The stream ended: the last line needs no newline. */
  void end() {
    if (current.length() > 0 || overflow) {
      emit();
    }
  }

  private void append(Buffer chunk, int from, int to) {
    if (overflow || from == to) {
      return;
    }
    if (current.length() + (to - from) > maxLength) {
      overflow = true;
      current = Buffer.buffer();
      return;
    }
    current.appendBuffer(chunk, from, to - from);
  }

  private void emit() {
    number++;
    if (overflow) {
      sink.accept(new Line(number, null));
    } else {
      int length = current.length();
      if (length > 0 && current.getByte(length - 1) == '\r') {
        length--;
      }
      Buffer text = current.slice(0, length);
      if (!text.toString().isBlank()) {
        sink.accept(new Line(number, text.copy()));
      }
    }
    overflow = false;
    current = Buffer.buffer();
  }
}
