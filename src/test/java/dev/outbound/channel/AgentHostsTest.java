package dev.outbound.channel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The agent host rule: https, a listed host, no userinfo. */
class AgentHostsTest {
    private final AgentHosts hosts = new AgentHosts("agent.example, *.agents.example.com", false);

    @Test
    void an_https_url_on_a_listed_host_is_allowed() {
        assertThat(hosts.problem("https://agent.example/twiml?flow=a")).isEmpty();
        assertThat(hosts.problem("https://AGENT.example/twiml")).isEmpty();
    }

    @Test
    void a_wildcard_allows_any_subdomain_but_not_the_domain_itself() {
        assertThat(hosts.allows("https://eu.agents.example.com/twiml")).isTrue();
        assertThat(hosts.allows("https://a.b.agents.example.com/twiml")).isTrue();
        assertThat(hosts.allows("https://agents.example.com/twiml")).isFalse();
        assertThat(hosts.allows("https://evilagents.example.com/twiml")).isFalse();
    }

    @Test
    void plain_http_is_refused_even_on_a_listed_host() {
        assertThat(hosts.problem("http://agent.example/twiml")).hasValue("must be an absolute https URL");
    }

    @Test
    void a_host_not_on_the_list_is_refused() {
        assertThat(hosts.problem("https://elsewhere.example/twiml"))
                .hasValue("host elsewhere.example is not in OUTBOUND_AGENT_HOSTS");
        assertThat(hosts.allows("https://agent.example.evil.com/twiml")).isFalse();
    }

    @Test
    void userinfo_is_refused_so_a_listed_host_cannot_be_faked_before_an_at_sign() {
        assertThat(hosts.problem("https://agent.example@evil.com/twiml")).isPresent();
        assertThat(hosts.problem("https://user:pw@agent.example/twiml"))
                .hasValue("must not carry a user name or password");
    }

    @Test
    void with_an_empty_list_no_agent_url_is_accepted() {
        assertThat(new AgentHosts("", false).allows("https://agent.example/twiml"))
                .isFalse();
        assertThat(AgentHosts.NONE.problem("https://agent.example/twiml").orElseThrow())
                .contains("OUTBOUND_AGENT_HOSTS is empty");
    }

    @Test
    void plain_http_is_accepted_only_where_private_addresses_are_for_local_development() {
        assertThat(hosts.allows("http://agent.example/twiml")).isFalse();
        assertThat(new AgentHosts("agent.example", true).allows("http://agent.example/twiml"))
                .isTrue();
        assertThat(new AgentHosts("agent.example", true).allows("ftp://agent.example/twiml"))
                .isFalse();
    }
}
