package io.msenas.worker.data;

import java.util.Comparator;

/**
 * Orders names with numbers by the numbers' values: {@code x_2} before {@code x_10}. Runs of digits
 * compare as numbers (leading zeros ignored, then the shorter run first), everything else by
 * character; ties go to plain string order, so the order is total.
 */
final class NaturalOrder implements Comparator<String> {

  static final NaturalOrder INSTANCE = new NaturalOrder();

  private NaturalOrder() {}

  @Override
  public int compare(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      char ca = a.charAt(i);
      char cb = b.charAt(j);
      if (isDigit(ca) && isDigit(cb)) {
        int endA = digitsEnd(a, i);
        int endB = digitsEnd(b, j);
        int startA = skipZeros(a, i, endA);
        int startB = skipZeros(b, j, endB);
        int lengths = Integer.compare(endA - startA, endB - startB);
        if (lengths != 0) {
          return lengths;
        }
        int digits = a.substring(startA, endA).compareTo(b.substring(startB, endB));
        if (digits != 0) {
          return digits;
        }
        i = endA;
        j = endB;
      } else {
        if (ca != cb) {
          return Character.compare(ca, cb);
        }
        i++;
        j++;
      }
    }
    int rest = Integer.compare(a.length() - i, b.length() - j);
    return rest != 0 ? rest : a.compareTo(b);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static int digitsEnd(String s, int from) {
    int end = from;
    while (end < s.length() && isDigit(s.charAt(end))) {
      end++;
    }
    return end;
  }

  private static int skipZeros(String s, int from, int end) {
    int start = from;
    while (start < end - 1 && s.charAt(start) == '0') {
      start++;
    }
    return start;
  }
}
