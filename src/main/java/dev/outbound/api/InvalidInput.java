package dev.outbound.api;

import java.util.List;

/** Input that fails validation: 422 with every violation found, in the contract's shape. */
public class InvalidInput extends OutboundException {
    private final List<Violation> violations;

    public InvalidInput(List<Violation> violations) {
        super(violations.isEmpty() ? "invalid input" : violations.getFirst().msg());
        this.violations = List.copyOf(violations);
    }

    public static InvalidInput of(String msg, String type, Object... loc) {
        return new InvalidInput(List.of(new Violation(List.of(loc), msg, type)));
    }

    public List<Violation> violations() {
        return violations;
    }
}
