package io.k2.ingest.event;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SequencerTest {

  @Test
  void theGreaterHexadecimalValueIsTheLaterWrite() {
    assertThat(Sequencer.compare("0055AED6DCD90281E5", "0055AED6DCD90281E6")).isNegative();
    assertThat(Sequencer.compare("0055AED6DCD90281E6", "0055AED6DCD90281E5")).isPositive();
    assertThat(Sequencer.compare("0055AED6DCD90281E5", "0055aed6dcd90281e5")).isZero();
  }

  @Test
  void sequencersOfDifferentLengthsCompareRightPaddedWithZeros() {
    // "0A" is "0A00" against "0A01": earlier; against "09FF": later.
    assertThat(Sequencer.compare("0A", "0A01")).isNegative();
    assertThat(Sequencer.compare("0A", "09FF")).isPositive();
    assertThat(Sequencer.compare("0A", "0A00")).isZero();
  }

  @Test
  void onlyHexadecimalTextIsASequencer() {
    assertThat(Sequencer.normalize("00617f08299329d189")).isEqualTo("00617F08299329D189");
    assertThat(Sequencer.normalize("")).isNull();
    assertThat(Sequencer.normalize("not-hex")).isNull();
    assertThat(Sequencer.normalize(null)).isNull();
  }
}
