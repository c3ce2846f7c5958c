package dev.outbound.console;

import dev.outbound.api.InvalidInput;
import dev.outbound.auth.Caller;
import dev.outbound.contact.ContactLimit;
import dev.outbound.contact.ContactLimitInput;
import dev.outbound.policy.Policies;
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
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The organization's policy: its contact limit, validated as {@code PUT /policy} validates it. */
@Controller
class PolicyPages {
    private final Policies policies;
    private final JsonMapper json;

    PolicyPages(Policies policies, JsonMapper json) {
        this.policies = policies;
        this.json = json;
    }

    @GetMapping("/console/policy")
    String show(Caller caller, @RequestParam(name = "saved", defaultValue = "false") boolean saved, Model model) {
        PolicyView policy = policies.policy(caller.organizationId());
        return page(model, policy, values(policy.contactLimit()), Map.of(), saved);
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
            String v = form.getFirst("contact_limit_" + part);
            if (v != null && !v.isBlank()) {
                try {
                    limit.put(part, Long.parseLong(v.strip()));
                } catch (NumberFormatException e) {
                    limit.put(part, v.strip()); // the reader names the problem
                }
            }
        }
        try {
            policies.setOrganizationLimit(caller.organizationId(), ContactLimitInput.policy(body), caller.userEmail());
            return "redirect:/console/policy?saved=true";
        } catch (InvalidInput e) {
            response.setStatus(422);
            var echoed = new LinkedHashMap<String, Object>();
            form.forEach((name, v) -> echoed.put(name, v.isEmpty() ? "" : v.getFirst()));
            return page(model, policies.policy(caller.organizationId()), echoed, FieldErrors.of(e), false);
        }
    }

    private static Map<String, Object> values(@Nullable ContactLimit limit) {
        var values = new LinkedHashMap<String, Object>();
        values.put("contact_limit_max_attempts", limit == null ? "" : text(limit.maxAttempts()));
        values.put("contact_limit_days", limit == null ? "" : text(limit.days()));
        values.put("contact_limit_after_conversation_days", limit == null ? "" : text(limit.afterConversationDays()));
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
