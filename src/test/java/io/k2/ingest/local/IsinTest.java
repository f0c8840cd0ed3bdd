package io.k2.ingest.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IsinTest {

  @Test
  void checkDigitsOfPublishedIsins() {
    assertThat(Isin.checkDigit("US037833100")).isEqualTo(5);
    assertThat(Isin.checkDigit("AU0000XVGZA")).isEqualTo(3);
    assertThat(Isin.checkDigit("GB000263494")).isEqualTo(6);
  }

  @Test
  void australianSharesAreAu000000PlusTheCode() {
    assertThat(Isin.australian("SXI")).hasSize(12).startsWith("AU000000SXI");
  }
}
