package io.k2.ingest.source;

import io.k2.ingest.parse.FileRejectedException;

/**
 * Rules for object keys. Keys are never turned into local paths; these rules keep reports and file
 * names derived from keys unambiguous.
 */
public final class ObjectKeys {

  static final int MAX_KEY_LENGTH = 1024;

  /** The naming rule for ASX files, as rejections state it. */
  public static final String ASX_NAME_RULE =
      "ASX files are named <company_id>[.csv][.gz]: the company id in ASCII digits without a"
          + " leading zero, then optionally .csv and .gz in any case";

  private static final String GZ = ".gz";
  private static final String CSV = ".csv";
  private static final int MAX_ID_DIGITS = 10;

  private ObjectKeys() {}

  /** What is wrong with a key, or null when it is acceptable. */
  public static String problem(String key) {
    if (key.length() > MAX_KEY_LENGTH) {
      return "longer than " + MAX_KEY_LENGTH + " characters";
    }
    if (key.startsWith("/")) {
      return "starts with '/'";
    }
    for (String segment : key.split("/", -1)) {
      if (segment.equals("..") || segment.equals(".")) {
        return "contains a '" + segment + "' path segment";
      }
    }
    for (int i = 0; i < key.length(); i++) {
      if (Character.isISOControl(key.charAt(i))) {
        return "contains a control character at position " + i;
      }
    }
    return null;
  }

  /** Whether the object is gzip-compressed: its key ends in {@code .gz}, in any case. */
  static boolean isGzip(String key) {
    return key.regionMatches(true, key.length() - GZ.length(), GZ, 0, GZ.length());
  }

  /**
   * The company id an ASX file is named after. The file name (after the last '/', so folders below
   * the route prefix are allowed) is the id in ASCII digits without a leading zero, optionally
   * followed by {@code .csv} and then {@code .gz}, extensions in any case: {@code 7078.csv}, {@code
   * 2014-03-10/7078.csv.gz}, {@code 7078.CSV}. Anything else ({@code +7078.csv}, {@code
   * 7078.backup.csv}, digits of other scripts) is refused, so that one company's file has one name
   * and a backup beside it is not read as the company's data.
   *
   * @throws FileRejectedException naming the rule
   */
  static int asxCompanyId(String key) {
    String name = key.substring(key.lastIndexOf('/') + 1);
    int end = name.length();
    if (isGzip(name)) {
      end -= GZ.length();
    }
    if (name.regionMatches(true, end - CSV.length(), CSV, 0, CSV.length())) {
      end -= CSV.length();
    }
    boolean digits = end > 0 && end <= MAX_ID_DIGITS && name.charAt(0) != '0';
    for (int i = 0; digits && i < end; i++) {
      digits = name.charAt(i) >= '0' && name.charAt(i) <= '9';
    }
    long id = digits ? Long.parseLong(name, 0, end, 10) : 0;
    if (!digits || id > Integer.MAX_VALUE) {
      throw new FileRejectedException(
          "ASX file name '" + name + "' is not accepted: " + ASX_NAME_RULE);
    }
    return (int) id;
  }
}
