package io.gatehouse.shared;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PersonNameTest {

    @Test
    void aPersonIsNamedByFirstAndLastName() {
        assertThat(PersonName.orEmail("Ana", "Silva", "ana@example.com")).isEqualTo("Ana Silva");
    }

    @Test
    void aPersonWithOneNameIsNamedByItAlone() {
        assertThat(PersonName.orEmail("", "Silva", "ana@example.com")).isEqualTo("Silva");
        assertThat(PersonName.orEmail("Ana", null, "ana@example.com")).isEqualTo("Ana");
    }

    @Test
    void anInvitedPersonWithoutANameIsNamedByTheirAddress() {
        assertThat(PersonName.orEmail(null, null, "ana@example.com")).isEqualTo("ana@example.com");
        assertThat(PersonName.orEmail(" ", "", "ana@example.com")).isEqualTo("ana@example.com");
    }
}
