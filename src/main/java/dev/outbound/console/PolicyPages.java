package dev.outbound.console;

import dev.outbound.api.InvalidInput;
import dev.outbound.auth.Caller;
import dev.outbound.contact.ContactLimit;
import dev.outbound.policy.Policies;
import dev.outbound.policy.PolicyInput;
import dev.outbound.policy.PolicyView;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The organization's policy: contact limit, restricted dates, rules by recipient region and
 * capacity. Saving replaces the whole policy, validated as {@code PUT /policy} validates it.
 */
@Controller
class PolicyPages {
    private static final String RULES = "recipient_rules";

    private final Policies policies;
    private final JsonMapper json;

    PolicyPages(Policies policies, JsonMapper json) {
        this.policies = policies;
        this.json = json;
    }

    @GetMapping("/console/policy")
    String show(Caller caller, @RequestParam(name = "saved", defaultValue = "false") boolean saved, Model model) {
        PolicyView policy = policies.policy(caller.organizationId());
        return page(model, policy, values(policy), Map.of(), saved);
    }

    @PostMapping("/console/policy")
    String save(
            Caller caller,
            @RequestParam MultiValueMap<String, String> form,
            Model model,
            HttpServletResponse response) {
        ObjectNode body = json.createObjectNode();
        ObjectNode limit = body.putObject("contact_limit");
        for (String part : CampaignForm.LIMIT_PARTS) {
            String v = field(form, "contact_limit_" + part);
            if (!v.isEmpty()) {
                putNumber(limit, part, v);
            }
        }
        var dates = RestrictedDatesText.parse(field(form, RestrictedDatesText.NAME));
        body.set(RestrictedDatesText.NAME, dates.dates());
        if (!field(form, "max_concurrent").isEmpty()) {
            putNumber(body, "max_concurrent", field(form, "max_concurrent"));
        }
        var errors = new LinkedHashMap<String, String>();
        if (!field(form, RULES).isEmpty()) {
            try {
                body.set(RULES, json.readTree(field(form, RULES)));
            } catch (JacksonException e) {
                errors.put(
                        RULES,
                        "Not valid JSON: "
                                + e.getOriginalMessage().lines().findFirst().orElse(""));
            }
        }
        try {
            if (errors.isEmpty()) {
                policies.replace(caller.organizationId(), PolicyInput.read(body), caller.userEmail());
                return "redirect:/console/policy?saved=true";
            }
        } catch (InvalidInput e) {
            errors.putAll(FieldErrors.of(e, Map.of(RestrictedDatesText.NAME, dates.lines())));
        }
        response.setStatus(422);
        var echoed = new LinkedHashMap<String, Object>();
        form.forEach((name, v) -> echoed.put(name, v.isEmpty() ? "" : v.getFirst()));
        return page(model, policies.policy(caller.organizationId()), echoed, errors, false);
    }

    private static void putNumber(ObjectNode node, String name, String v) {
        try {
            node.put(name, Long.parseLong(v));
        } catch (NumberFormatException e) {
            node.put(name, v); // the reader names the problem
        }
    }

    private static String field(MultiValueMap<String, String> form, String name) {
        String v = form.getFirst(name);
        return v == null ? "" : v.strip();
    }

    private Map<String, Object> values(PolicyView policy) {
        ContactLimit limit = policy.contactLimit();
        var values = new LinkedHashMap<String, Object>();
        values.put("contact_limit_max_attempts", limit == null ? "" : text(limit.maxAttempts()));
        values.put("contact_limit_days", limit == null ? "" : text(limit.days()));
        values.put("contact_limit_after_conversation_days", limit == null ? "" : text(limit.afterConversationDays()));
        values.put(RestrictedDatesText.NAME, RestrictedDatesText.format(policy.restrictedDates()));
        values.put(
                RULES,
                policy.recipientRules().isEmpty()
                        ? ""
                        : json.writerWithDefaultPrettyPrinter().writeValueAsString(policy.recipientRules()));
        values.put("max_concurrent", text(policy.maxConcurrent()));
        return values;
    }

    private static String text(@Nullable Integer n) {
        return n == null ? "" : n.toString();
    }

    private static String page(
            Model model, PolicyView policy, Map<String, Object> values, Map<String, String> errors, boolean saved) {
        model.addAttribute("v", values);
        model.addAttribute("errors", errors);
        model.addAttribute("saved", saved);
        model.addAttribute("updatedBy", policy.updatedBy());
        model.addAttribute("updatedAt", policy.updatedAt());
        return "console/policy";
    }
}
