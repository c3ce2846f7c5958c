package dev.outbound.policy;

import dev.outbound.auth.Caller;
import dev.outbound.contact.ContactLimit;
import dev.outbound.contact.ContactLimitInput;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Extension: the caller's organization-wide policy, {@code {"contact_limit": {...} | null}}. Keys
 * carry no role within an organization (a superuser only creates organizations), so any key of
 * the organization may change it; {@code updated_by} records which user did.
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

    /** Replaces the policy; {@code contact_limit} must be sent, null (or {@code {}}) lifts the limit. */
    @PutMapping
    PolicyView put(Caller caller, @RequestBody(required = false) @Nullable JsonNode body) {
        ContactLimit limit = ContactLimitInput.policy(body);
        policies.setOrganizationLimit(caller.organizationId(), limit, caller.userEmail());
        return policies.policy(caller.organizationId());
    }
}
