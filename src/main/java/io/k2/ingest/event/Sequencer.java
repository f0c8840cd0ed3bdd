package io.k2.ingest.event;

import java.util.Comparator;
import java.util.Locale;

/**
 * S3's event sequencer: a hexadecimal string that orders the writes to one object key (never across
 * keys). Sequencers may differ in length; S3 documents comparing them by right-padding the shorter
 * with zeros, then comparing the strings.
 */
public final class Sequencer {

  /** Orders two sequencers of the same key; null (unknown) sorts first. */
  public static final Comparator<String> ORDER = Comparator.nullsFirst(Sequencer::compare);

  private Sequencer() {}

  /** The sequencer in upper case, or null when absent or not hexadecimal. */
  public static String normalize(String sequencer) {
    if (sequencer == null || sequencer.isEmpty() || !sequencer.matches("[0-9A-Fa-f]+")) {
      return null;
    }
    return sequencer.toUpperCase(Locale.ROOT);
  }

  /** Negative when {@code a} is the earlier write, positive when it is the later one. */
  public static int compare(String a, String b) {
    int length = Math.max(a.length(), b.length());
    return padded(a, length).compareTo(padded(b, length));
  }

  private static String padded(String sequencer, int length) {
    return (sequencer + "0".repeat(length - sequencer.length())).toUpperCase(Locale.ROOT);
  }
}
