package io.k2.ingest.local;

/** International Securities Identification Numbers, for made-up but well-formed reference data. */
final class Isin {

  private Isin() {}

  /**
   * {@code AU000000} + a three-letter code + the check digit, as Australian shares are numbered.
   */
  static String australian(String symbol) {
    String body = "AU000000" + symbol;
    return body + checkDigit(body);
  }

  /** The ISIN check digit: letters become 10-35, then the Luhn sum over the digits. */
  static int checkDigit(String body) {
    StringBuilder digits = new StringBuilder();
    for (char c : body.toCharArray()) {
      digits.append(Character.digit(c, 36));
    }
    int sum = 0;
    // From the right, every other digit is doubled, starting with the last (the check digit
    // will sit to its right).
    for (int i = digits.length() - 1, position = 0; i >= 0; i--, position++) {
      int d = digits.charAt(i) - '0';
      if (position % 2 == 0) {
        d *= 2;
      }
      sum += d / 10 + d % 10;
    }
    return (10 - sum % 10) % 10;
  }
}
