package io.k2.ingest.parse;

import io.k2.ingest.config.K2Config.DateWindow;
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
  private final DateWindow plausibleDates;

  /**
   * A factory whose parsers accept lines of up to {@link #DEFAULT_MAX_LINE_LENGTH} characters and
   * dates in {@link DateWindow#DEFAULT}.
   */
  public ParserFactory() {
    this(DEFAULT_MAX_LINE_LENGTH);
  }

  public ParserFactory(int maxLineLength) {
    this(maxLineLength, DateWindow.DEFAULT);
  }

  /**
   * @param maxLineLength the longest line, in characters without the line break, a file may have; a
   *     longer one rejects the file
   * @param plausibleDates the exchange dates a row may carry; others are bad rows
   */
  public ParserFactory(int maxLineLength, DateWindow plausibleDates) {
    if (maxLineLength < 1 || maxLineLength > MAX_MAX_LINE_LENGTH) {
      throw new IllegalArgumentException(
          "maxLineLength must be 1 to %d, was %d".formatted(MAX_MAX_LINE_LENGTH, maxLineLength));
    }
    this.maxLineLength = maxLineLength;
    this.plausibleDates = plausibleDates;
  }

  /**
   * A parser for one file.
   *
   * @throws IllegalArgumentException for the ASX layout without {@link ParseContext#company()}
   */
  public MarketDataParser create(Layout layout, ParseContext context) {
    return switch (layout) {
      case CSV -> new HeaderCsvParser(context, maxLineLength, plausibleDates);
      case ASX -> new AsxParser(context, maxLineLength, plausibleDates);
    };
  }

  public int maxLineLength() {
    return maxLineLength;
  }
}
