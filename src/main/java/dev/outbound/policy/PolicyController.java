package dev.outbound.policy;

import dev.outbound.auth.Caller;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Extension: the caller's organization-wide policy, {@code {"contact_limit", "restricted_dates",
 * "recipient_rules", "max_concurrent"}}. Keys carry no role within an organization (a superuser
 * only creates organizations), so any key of the organization may change it; {@code updated_by}
 * records which user did.
 */
@RestController
@RequestMapping("/api/v1/outbound/policy")
class PolicyController {
    private final Policies policies;

    PolicyController(Policies policies) {
        this.policies = policies;
    }

    @GetMapping
    PolicyView get(Caller caller) {
        return policies.policy(caller.organizationId());
    }

    /** Replaces the whole policy: a field left out (or null) is none, as a PUT of a campaign clears its extensions. */
    @PutMapping
    PolicyView put(Caller caller, @RequestBody(required = false) @Nullable JsonNode body) {
        policies.replace(caller.organizationId(), PolicyInput.read(body), caller.userEmail());
        return policies.policy(caller.organizationId());
    }
}
