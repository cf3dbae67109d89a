package io.gatehouse.shared;

import java.util.List;
import java.util.Objects;

/**
 * The step that asks before an action with a wide effect, for a browser without JavaScript (with
 * it, the same question shows in a dialog first). The form posts the same action again with
 * {@code confirmed=true}; an action that needs it does nothing without it but show this step.
 *
 * @param crumbs where the page sits, as label and address pairs, never empty
 * @param backLabel the words of the way back, when "Cancel" would read as the action itself; null for "Cancel"
 */
public record Confirmation(String title, String question, String action, List<Field> fields, String yes, String back,
        List<Field> crumbs, String backLabel) {

    /** The parameter that says the person answered yes. */
    public static final String PARAMETER = "confirmed";

    /** A name and value: a hidden field carried to the confirmed post, or a breadcrumb's label and address. */
    public record Field(String name, String value) {

        public Field {
            Objects.requireNonNull(name, "name");
            value = value == null ? "" : value;
        }
    }

    public Confirmation {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(yes, "yes");
        Objects.requireNonNull(back, "back");
        fields = fields == null ? List.of() : List.copyOf(fields);
        crumbs = List.copyOf(crumbs);
        if (crumbs.isEmpty()) {
            throw new IllegalArgumentException("a confirmation page always says where it is");
        }
    }

    /** A question whose way back reads "Cancel". */
    public Confirmation(String title, String question, String action, List<Field> fields, String yes, String back,
            List<Field> crumbs) {
        this(title, question, action, fields, yes, back, crumbs, null);
    }

    /** Whether a request carried the answer. */
    public static boolean given(String parameter) {
        return "true".equals(parameter);
    }
}
