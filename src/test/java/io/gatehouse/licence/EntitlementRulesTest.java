package io.gatehouse.licence;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.product.ReleaseChannel;
import io.gatehouse.product.ReleaseVersion;
import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What a licence entitles, and the status a person reads, one row per rule. */
class EntitlementRulesTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 6, 15);
    private static final UUID PRODUCT = UUID.randomUUID();
    private static final UUID OTHER_PRODUCT = UUID.randomUUID();
    private static final Set<ReleaseChannel> STABLE = Set.of(ReleaseChannel.STABLE);
    private static final Set<ReleaseChannel> BOTH = Set.of(ReleaseChannel.STABLE, ReleaseChannel.BETA);

    record Row(String name, LicenceTerms terms, ReleaseFacts release, boolean entitled) {
        @Override
        public String toString() {
            return name;
        }
    }

    record StatusRow(String name, LicenceTerms terms, LicenceStatus expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Row> entitlements() {
        return Stream.of(
                new Row("an open licence entitles a stable release", terms(STABLE), release("5.2", ReleaseChannel.STABLE, TODAY), true),
                new Row("a stable-only licence does not entitle a beta", terms(STABLE), release("6.0-beta.1", ReleaseChannel.BETA, TODAY), false),
                new Row("a licence with the beta channel entitles a beta", terms(BOTH), release("6.0-beta.1", ReleaseChannel.BETA, TODAY), true),
                new Row("another product's release is not entitled", terms(STABLE),
                        new ReleaseFacts(OTHER_PRODUCT, ReleaseVersion.of("1.0"), ReleaseChannel.STABLE, TODAY), false),
                new Row("up to the maximum version, that version included", withMax("5.2"), release("5.2", ReleaseChannel.STABLE, TODAY), true),
                new Row("versions compare as numbers, not text: 5.10 is beyond 5.9", withMax("5.9"),
                        release("5.10", ReleaseChannel.STABLE, TODAY), false),
                new Row("a release below the maximum is entitled", withMax("5.9"), release("5.8.3", ReleaseChannel.STABLE, TODAY), true),
                new Row("maintenance covers releases dated on its last day", withMaintenance(TODAY.minusDays(10)),
                        release("5.3", ReleaseChannel.STABLE, TODAY.minusDays(10)), true),
                new Row("maintenance does not cover releases dated after it ended", withMaintenance(TODAY.minusDays(10)),
                        release("5.4", ReleaseChannel.STABLE, TODAY.minusDays(9)), false),
                new Row("an expired licence entitles nothing", new LicenceTerms(TODAY.minusYears(1), TODAY.minusDays(1), false, STABLE, null, null),
                        release("5.0", ReleaseChannel.STABLE, TODAY.minusYears(1)), false),
                new Row("a suspended licence entitles nothing", new LicenceTerms(TODAY.minusYears(1), null, true, STABLE, null, null),
                        release("5.0", ReleaseChannel.STABLE, TODAY), false),
                new Row("a licence not yet valid entitles nothing", new LicenceTerms(TODAY.plusDays(1), null, false, STABLE, null, null),
                        release("5.0", ReleaseChannel.STABLE, TODAY), false));
    }

    static Stream<StatusRow> statuses() {
        return Stream.of(
                new StatusRow("active from its first day", new LicenceTerms(TODAY, null, false, STABLE, null, null), LicenceStatus.ACTIVE),
                new StatusRow("active through its last day", new LicenceTerms(TODAY.minusYears(1), TODAY, false, STABLE, null, null),
                        LicenceStatus.ACTIVE),
                new StatusRow("expired the day after", new LicenceTerms(TODAY.minusYears(1), TODAY.minusDays(1), false, STABLE, null, null),
                        LicenceStatus.inactive(InactiveReason.EXPIRED)),
                new StatusRow("not yet valid before its first day", new LicenceTerms(TODAY.plusDays(1), null, false, STABLE, null, null),
                        LicenceStatus.inactive(InactiveReason.NOT_YET_VALID)),
                new StatusRow("suspended says more than expired", new LicenceTerms(TODAY.minusYears(1), TODAY.minusDays(1), true, STABLE, null, null),
                        LicenceStatus.inactive(InactiveReason.SUSPENDED)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("entitlements")
    void entitlesAsTheRulesSay(Row row) {
        Licence licence = new Licence(UUID.randomUUID(), UUID.randomUUID(), PRODUCT, "GH-TEST-0001", "sealed", "Pro", 5, row.terms(),
                java.time.Instant.EPOCH);

        assertThat(licence.entitles(row.release(), TODAY)).isEqualTo(row.entitled());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("statuses")
    void statusReadsAtAGlance(StatusRow row) {
        assertThat(row.terms().status(TODAY)).isEqualTo(row.expected());
    }

    private static LicenceTerms terms(Set<ReleaseChannel> channels) {
        return new LicenceTerms(TODAY.minusYears(1), null, false, channels, null, null);
    }

    private static LicenceTerms withMax(String version) {
        return new LicenceTerms(TODAY.minusYears(1), null, false, STABLE, ReleaseVersion.of(version), null);
    }

    private static LicenceTerms withMaintenance(LocalDate until) {
        return new LicenceTerms(TODAY.minusYears(1), null, false, STABLE, null, until);
    }

    private static ReleaseFacts release(String version, ReleaseChannel channel, LocalDate on) {
        return new ReleaseFacts(PRODUCT, ReleaseVersion.of(version), channel, on);
    }
}
