package io.k2.ingest.parse;

import static io.k2.ingest.domain.MarketTable.TRADES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.k2.ingest.config.K2Config.Layout;
import java.io.IOException;
import java.io.Reader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Problems that make a whole file unusable, in either layout. */
class FileRejectionTest {

  private static final String HEADER =
      "symbol,company_id,exchange,exchange_timestamp,price,volume,qualifiers";
  private static final String CSV_ROW = "BHP,7078,ASX,2014-03-10T10:00:01,1,1,0";
  private static final String ASX_ROW = "03/10/2014,10:00:00.000,1.11,100,0,,";

  @Test
  void emptyCsvFileIsRejected() {
    for (String text : List.of("", "\n", "\r\n\r\n", "\uFEFF")) {
      assertThatThrownBy(() -> Parsing.csv(TRADES, text))
          .isInstanceOf(FileRejectedException.class)
          .hasMessage(ParseMessages.EMPTY_FILE)
          .hasMessage("empty file: no rows");
    }
  }

  @Test
  void csvWithOnlyAHeaderIsRejected() {
    for (String text : List.of(HEADER, HEADER + "\r\n", HEADER + "\n\n\n")) {
      assertThatThrownBy(() -> Parsing.csv(TRADES, text))
          .isInstanceOf(FileRejectedException.class)
          .hasMessage("header only: no data rows");
    }
  }

  @Test
  void lineLongerThanTheLimitRejectsTheFile() {
    ParserFactory factory = new ParserFactory(100);
    String longRow = "03/10/2014,10:00:00.000,1.11,100,0,," + "x".repeat(100);

    assertThatThrownBy(
            () -> Parsing.parse(factory, Layout.ASX, TRADES, ASX_ROW + "\r\n" + longRow + "\r\n"))
        .isInstanceOf(FileRejectedException.class)
        .hasMessage("line 2 exceeds the maximum line length of 100 characters");
  }

  @Test
  void oneHugeFieldOrAnUnclosedQuoteHitsTheSameLimit() {
    ParserFactory factory = new ParserFactory(1000);
    String hugeField = HEADER + "\n" + CSV_ROW + "\n" + "y".repeat(50_000) + "\n";
    String unclosedQuote = HEADER + "\n\"" + "z".repeat(50_000);

    assertThatThrownBy(() -> Parsing.parse(factory, Layout.CSV, TRADES, hugeField))
        .isInstanceOf(FileRejectedException.class)
        .hasMessage("line 3 exceeds the maximum line length of 1000 characters");
    assertThatThrownBy(() -> Parsing.parse(factory, Layout.CSV, TRADES, unclosedQuote))
        .isInstanceOf(FileRejectedException.class)
        .hasMessage("line 2 exceeds the maximum line length of 1000 characters");
  }

  @Test
  void lineOfExactlyTheLimitIsRead() {
    ParserFactory factory = new ParserFactory(ASX_ROW.length());

    CollectingSink sink = Parsing.parse(factory, Layout.ASX, TRADES, ASX_ROW + "\r\n" + ASX_ROW);

    assertThat(sink.rows).hasSize(2);
  }

  @Test
  void defaultLimitIsOneMebiCharacters() {
    String longRow =
        "03/10/2014,10:00:00.000,1.11,100,0,," + "x".repeat(ParserFactory.DEFAULT_MAX_LINE_LENGTH);

    assertThatThrownBy(() -> Parsing.asx(TRADES, longRow))
        .isInstanceOf(FileRejectedException.class)
        .hasMessage("line 1 exceeds the maximum line length of 1048576 characters");
  }

  @Test
  void textAfterAClosingQuoteRejectsTheFileAsMalformed() {
    String text = HEADER + "\n" + CSV_ROW + "\n\"BHP\"x,7078,ASX,2014-03-10T10:00:01,1,1,0\n";

    assertThatThrownBy(() -> Parsing.csv(TRADES, text))
        .isInstanceOf(FileRejectedException.class)
        .hasMessage(
            "malformed CSV at line 3: Unexpected character after closing quote: 'x' (0x78)");
  }

  @Test
  void unclosedQuoteAtTheEndMakesOneBadRow() {
    String text = HEADER + "\n" + CSV_ROW + "\n\"BHP,7078,ASX,2014-03-10T10:00:01,1,1,0\n";

    CollectingSink sink = Parsing.csv(TRADES, text);

    assertThat(sink.rows).hasSize(1);
    assertThat(sink.errors)
        .containsExactly(new RowError(3, null, null, "expected 7 fields, found 1"));
  }

  @Test
  void quotedFieldSpanningManyShortLinesIsBoundedToo() {
    ParserFactory factory = new ParserFactory(1000);
    String text = HEADER + "\n" + CSV_ROW + "\n\"" + "short line\n".repeat(5000) + "\"\n";

    assertThatThrownBy(() -> Parsing.parse(factory, Layout.CSV, TRADES, text))
        .isInstanceOf(FileRejectedException.class)
        .hasMessageStartingWith(
            "malformed CSV at line 3: The maximum buffer size of 16384 is insufficient");
  }

  @Test
  void readFailureIsAnIoExceptionNotARejection() {
    Reader failing =
        new Reader() {
          private boolean sent;

          @Override
          public int read(char[] buf, int off, int len) throws IOException {
            if (sent) {
              throw new IOException("connection reset");
            }
            sent = true;
            ASX_ROW.getChars(0, ASX_ROW.length(), buf, off);
            buf[off + ASX_ROW.length()] = '\n';
            return ASX_ROW.length() + 1;
          }

          @Override
          public void close() {}
        };
    ParseContext context = Parsing.context(Layout.ASX, TRADES);

    assertThatThrownBy(
            () ->
                new ParserFactory()
                    .create(Layout.ASX, context)
                    .parse(failing, new CollectingSink()))
        .isInstanceOf(IOException.class)
        .hasMessage("connection reset");
  }

  @Test
  void factoryRefusesALimitOutOfRange() {
    assertThatThrownBy(() -> new ParserFactory(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxLineLength must be 1 to 268435456, was 0");
    assertThatThrownBy(() -> new ParserFactory(ParserFactory.MAX_MAX_LINE_LENGTH + 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void tokenizerBufferIsAPowerOfTwoThatHoldsALine() {
    assertThat(CsvRows.bufferSize(1)).isEqualTo(16384);
    assertThat(CsvRows.bufferSize(16382)).isEqualTo(16384);
    assertThat(CsvRows.bufferSize(16383)).isEqualTo(32768);
    assertThat(CsvRows.bufferSize(ParserFactory.DEFAULT_MAX_LINE_LENGTH)).isEqualTo(1 << 21);
    assertThat(CsvRows.bufferSize(ParserFactory.MAX_MAX_LINE_LENGTH)).isEqualTo(1 << 29);
  }

  @Test
  void linesJustUnderLargeLimitsAreRead() {
    for (int limit : new int[] {20_000, 100_000, 1_000_000}) {
      String buyerId = "b".repeat(limit - ASX_ROW.length());
      CollectingSink sink =
          Parsing.parse(
              new ParserFactory(limit),
              Layout.ASX,
              TRADES,
              ASX_ROW + "\r\n" + ASX_ROW + buyerId + "\r\n");

      assertThat(sink.errors).isEmpty();
      assertThat(sink.rows.get(1).getField("buyer_id")).isEqualTo(buyerId);
    }
  }
}
