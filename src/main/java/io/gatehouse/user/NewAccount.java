package io.gatehouse.user;

/** A person to create. Login defaults to the email; preferences default to English, dd/MM/yyyy, UTC. */
public record NewAccount(String firstName, String lastName, String email, String login, String position,
        String password, Language language, DateFormat dateFormat, String timeZone) {

    public NewAccount {
        language = language == null ? Language.EN : language;
        dateFormat = dateFormat == null ? DateFormat.DAY_MONTH_YEAR : dateFormat;
        timeZone = timeZone == null || timeZone.isBlank() ? "UTC" : timeZone.strip();
        login = login == null || login.isBlank() ? null : login.strip();
    }

    public NewAccount(String firstName, String lastName, String email, String login, String position, String password) {
        this(firstName, lastName, email, login, position, password, null, null, null);
    }
}
