package io.gatehouse.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The filters of My tickets and the queue, read from addresses people bookmark and edit by hand. */
class TicketFilterTest {

    @Test
    void theQueueShowsEverythingStillToDecideUnlessAskedForAnotherStatusOrAll() {
        assertThat(new TicketFilter(null, null, null, null, null).statuses(true))
                .containsExactly(RequestStatus.OPEN, RequestStatus.IN_PROGRESS);
        assertThat(new TicketFilter("ANY", null, null, null, null).statuses(true)).isEmpty();
        assertThat(new TicketFilter("applied", null, null, null, null).statuses(true)).containsExactly(RequestStatus.APPLIED);
        assertThat(new TicketFilter("OPEN", null, null, null, null).statuses(true)).containsExactly(RequestStatus.OPEN);
        assertThat(new TicketFilter("nonsense", null, null, null, null).statuses(true)).as("counts as the default")
                .containsExactly(RequestStatus.OPEN, RequestStatus.IN_PROGRESS);
        assertThat(new TicketFilter(null, null, null, null, null).statuses(false)).isEmpty();
        assertThat(new TicketFilter(null, null, null, null, null).statusChoice(true)).isEmpty();
        assertThat(new TicketFilter("OPEN", null, null, null, null).statusChoice(true)).isEqualTo("OPEN");
        assertThat(new TicketFilter("ANY", null, null, null, null).statusChoice(true)).isEqualTo("ANY");
    }

    @Test
    void valuesThatDoNotParseCountAsAny() {
        TicketFilter filter = new TicketFilter("nonsense", "not-an-id", "PROMOTION", "2", "x");
        assertThat(filter.statusValue()).isNull();
        assertThat(filter.statuses(false)).isEmpty();
        assertThat(filter.organizationValue()).isNull();
        assertThat(filter.typeValue()).isNull();
        assertThat(filter.ageValue()).as("only the offered ages").isNull();
        assertThat(filter.olderThan()).isNull();
        assertThat(filter.pageNumber()).isEqualTo(1);
    }

    @Test
    void addressesOfOtherPagesKeepTheFiltersAndLeaveOutTheDefaults() {
        TicketFilter queue = new TicketFilter(null, "3f2504e0-4f89-11d3-9a0c-0305e82c3301", "DEACTIVATION", "7", "2");
        assertThat(queue.olderThan()).isEqualTo(Duration.ofDays(7));
        assertThat(queue.url("/requests", true, 3))
                .isEqualTo("/requests?org=3f2504e0-4f89-11d3-9a0c-0305e82c3301&type=DEACTIVATION&age=7&page=3");
        assertThat(new TicketFilter("ANY", null, null, null, null).url("/requests", true, 1)).isEqualTo("/requests?status=ANY");
        assertThat(new TicketFilter("OPEN", null, null, null, null).url("/requests", true, 1)).as("only open is not the default")
                .isEqualTo("/requests?status=OPEN");
        assertThat(new TicketFilter("OPEN", null, "NEW_USER", null, null).url("/organizations/x/requests", false, 2))
                .isEqualTo("/organizations/x/requests?status=OPEN&page=2");
    }
}
