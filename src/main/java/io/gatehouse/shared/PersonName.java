package io.gatehouse.shared;

/** How a person is named to others: "First Last", or the address while they have no name yet (invited). */
public final class PersonName {

    private PersonName() {
    }

    public static String orEmail(String firstName, String lastName, String email) {
        String name = ((firstName == null ? "" : firstName) + " " + (lastName == null ? "" : lastName)).strip();
        return name.isEmpty() ? email : name;
    }
}
