package io.k2.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class SequenceNumbersTest {

  private static final LocalDate MONDAY = LocalDate.of(2014, 3, 10);
  private static final LocalDate TUESDAY = MONDAY.plusDays(1);

  @Test
  void countsEachSymbolAndDayOnItsOwnEvenWhenInterleaved() {
    SequenceNumbers numbers = new SequenceNumbers();

    assertThat(numbers.next("BHP", MONDAY)).isEqualTo(1);
    assertThat(numbers.next("BHP", MONDAY)).isEqualTo(2);
    assertThat(numbers.next("RIO", MONDAY)).isEqualTo(1);
    assertThat(numbers.next("BHP", TUESDAY)).isEqualTo(1);
    assertThat(numbers.next("BHP", MONDAY)).isEqualTo(3);
    assertThat(numbers.next("RIO", MONDAY)).isEqualTo(2);
    assertThat(numbers.next(new String("BHP"), LocalDate.of(2014, 3, 11))).isEqualTo(2);
  }
}
