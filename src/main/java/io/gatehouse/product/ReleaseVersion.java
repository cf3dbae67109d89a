package io.gatehouse.product;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A release's version, ordered as people read versions, not as strings: 10.0 follows 9.2, 2.0-beta.2
 * precedes 2.0-beta.10 and 2.0. One to four numeric parts ("2025", "5.2", "5.2.1", "5.2.1.3"), missing parts
 * count as zero, then an optional pre-release after "-" and build metadata after "+" (ignored in order).
 */
public record ReleaseVersion(String text) implements Comparable<ReleaseVersion> {

    public static final int MAX_LENGTH = 32;

    private static final Pattern FORM = Pattern.compile(
            "(0|[1-9][0-9]{0,8})(\\.(0|[1-9][0-9]{0,8})){0,3}(-[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*)?(\\+[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*)?");

    public ReleaseVersion {
        if (!isValid(text)) {
            throw new IllegalArgumentException("not a version: " + text);
        }
    }

    public static boolean isValid(String text) {
        return text != null && text.length() <= MAX_LENGTH && FORM.matcher(text).matches();
    }

    public static ReleaseVersion of(String text) {
        return new ReleaseVersion(text);
    }

    public boolean isPreRelease() {
        return !preRelease().isEmpty();
    }

    /**
     * The version as one text per release: its four numbers written out, its pre-release kept, its
     * build metadata dropped, so that "2.0", "2.0.0" and "2.0+build.7" are the same release.
     */
    public String canonical() {
        long[] parts = numbers();
        List<String> pre = preRelease();
        return parts[0] + "." + parts[1] + "." + parts[2] + "." + parts[3] + (pre.isEmpty() ? "" : "-" + String.join(".", pre));
    }

    @Override
    public int compareTo(ReleaseVersion other) {
        return sortKey().compareTo(other.sortKey());
    }

    /** The version parsed for ordering: to sort many versions, parse each once and compare the keys. */
    public SortKey sortKey() {
        return new SortKey(numbers(), preRelease());
    }

    /** The four numbers and the pre-release identifiers of a version, in {@link ReleaseVersion}'s order. */
    public static final class SortKey implements Comparable<SortKey> {

        private final long[] numbers;
        private final List<String> preRelease;

        private SortKey(long[] numbers, List<String> preRelease) {
            this.numbers = numbers;
            this.preRelease = List.copyOf(preRelease);
        }

        @Override
        public int compareTo(SortKey other) {
            for (int i = 0; i < 4; i++) {
                int byPart = Long.compare(numbers[i], other.numbers[i]);
                if (byPart != 0) {
                    return byPart;
                }
            }
            return comparePreRelease(preRelease, other.preRelease);
        }
    }

    private long[] numbers() {
        String core = withoutBuild().split("-", 2)[0];
        long[] parts = new long[4];
        String[] written = core.split("\\.");
        for (int i = 0; i < written.length; i++) {
            parts[i] = Long.parseLong(written[i]);
        }
        return parts;
    }

    private List<String> preRelease() {
        String[] split = withoutBuild().split("-", 2);
        return split.length < 2 ? List.of() : new ArrayList<>(Arrays.asList(split[1].split("\\.")));
    }

    private String withoutBuild() {
        int plus = text.indexOf('+');
        return plus < 0 ? text : text.substring(0, plus);
    }

    // Semantic Versioning 2.0.0, rule 11: a release follows its pre-releases; identifiers compare
    // numerically when both are numbers, numbers before words, a shorter list first when equal so far.
    private static int comparePreRelease(List<String> mine, List<String> theirs) {
        if (mine.isEmpty() || theirs.isEmpty()) {
            return Boolean.compare(mine.isEmpty(), theirs.isEmpty());
        }
        for (int i = 0; i < Math.min(mine.size(), theirs.size()); i++) {
            int byIdentifier = compareIdentifier(mine.get(i), theirs.get(i));
            if (byIdentifier != 0) {
                return byIdentifier;
            }
        }
        return Integer.compare(mine.size(), theirs.size());
    }

    private static int compareIdentifier(String a, String b) {
        boolean aNumber = a.chars().allMatch(Character::isDigit);
        boolean bNumber = b.chars().allMatch(Character::isDigit);
        if (aNumber && bNumber) {
            return new BigInteger(a).compareTo(new BigInteger(b));
        }
        if (aNumber != bNumber) {
            return aNumber ? -1 : 1;
        }
        return a.compareTo(b);
    }

    @Override
    public String toString() {
        return text;
    }
}
