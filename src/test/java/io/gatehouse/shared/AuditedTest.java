package io.gatehouse.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AuditedTest {

    private final ActorRef by = new ActorRef(new UserId(UUID.randomUUID()), "Ana Silva");

    @Test
    void aChangeToAPersonsAccountIsEnteredInEachOfTheirOrganizationsTrails() {
        OrganizationId first = new OrganizationId(UUID.randomUUID());
        OrganizationId second = new OrganizationId(UUID.randomUUID());

        List<Audited> entries = Audited.inEach(List.of(first, second), by, "user.passwordChanged", "user", "u1", null, null);

        assertThat(entries).extracting(Audited::organizationId).containsExactly(first, second);
        assertThat(entries).allSatisfy(entry -> assertThat(entry.action()).isEqualTo("user.passwordChanged"));
    }

    @Test
    void aChangeToSomeoneInNoOrganizationIsEnteredOnceWithoutOne() {
        List<Audited> entries = Audited.inEach(List.of(), by, "user.passwordChanged", "user", "u1", null, null);

        assertThat(entries).singleElement().satisfies(entry -> assertThat(entry.organizationId()).isNull());
    }
}
