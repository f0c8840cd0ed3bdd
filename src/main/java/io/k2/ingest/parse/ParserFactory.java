package io.k2.ingest.parse;

import io.k2.ingest.config.K2Config.Layout;

/**
 * The entry point of parsing: a {@link MarketDataParser} for a file's layout and context, which
 * names the file, so make one per file.
 *
 * <p>A parser hands over rows as it reads them. When it then throws {@link FileRejectedException}
 * (a line too long or malformed quoting half-way through, say), the rows it has already handed over
 * belong to a rejected file and must be dropped with it.
 */
public final class ParserFactory {

  /** The default longest line accepted, in characters: 1 MiB. */
  public static final int DEFAULT_MAX_LINE_LENGTH = 1 << 20;

  /** The largest limit allowed: a line must fit in memory a few times over. */
  public static final int MAX_MAX_LINE_LENGTH = 1 << 28;

  private final int maxLineLength;

  /** A factory whose parsers accept lines of up to {@link #DEFAULT_MAX_LINE_LENGTH} characters. */
  public ParserFactory() {
    this(DEFAULT_MAX_LINE_LENGTH);
  }

  /**
   * @param maxLineLength the longest line, in characters without the line break, a file may have; a
   *     longer one rejects the file
   */
  public ParserFactory(int maxLineLength) {
    if (maxLineLength < 1 || maxLineLength > MAX_MAX_LINE_LENGTH) {
      throw new IllegalArgumentException(
          "maxLineLength must be 1 to %d, was %d".formatted(MAX_MAX_LINE_LENGTH, maxLineLength));
    }
    this.maxLineLength = maxLineLength;
  }

  /**
   * A parser for one file.
   *
   * @throws IllegalArgumentException for the ASX layout without {@link ParseContext#company()}
   */
  public MarketDataParser create(Layout layout, ParseContext context) {
    return switch (layout) {
      case CSV -> new HeaderCsvParser(context, maxLineLength);
      case ASX -> new AsxParser(context, maxLineLength);
    };
  }

  public int maxLineLength() {
    return maxLineLength;
  }
}
