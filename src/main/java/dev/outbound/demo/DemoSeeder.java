package dev.outbound.demo;

import dev.outbound.OutboundProperties;
import dev.outbound.api.NotFound;
import dev.outbound.auth.Caller;
import dev.outbound.auth.KeyRole;
import dev.outbound.auth.Organizations;
import dev.outbound.batch.BatchDocuments;
import dev.outbound.campaign.CampaignDocuments;
import dev.outbound.channel.ChannelProperties;
import dev.outbound.ingest.Uploads;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Seeds the example campaign and a batch {@value #BATCH_ID} with the example call list, once per
 * store, at start. It goes through the campaign, batch and ingest services like an API client, so
 * the demo shows what a user's own first campaign would do. Runs after the first key is made.
 *
 * <p>The bean always exists and looks at {@code outbound.demo} when it runs: a condition on the
 * property would be decided once at build time under Spring AOT (the fast start, README).
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
class DemoSeeder implements ApplicationRunner {
    static final String BATCH_ID = "demo";
    private static final String SIMULATOR = "simulator";
    private static final Logger log = LoggerFactory.getLogger(DemoSeeder.class);

    private final CampaignDocuments campaigns;
    private final BatchDocuments batches;
    private final Uploads uploads;
    private final Organizations organizations;
    private final OutboundProperties properties;
    private final ChannelProperties channels;
    private final JsonMapper json;
    private final Environment environment;

    DemoSeeder(
            CampaignDocuments campaigns,
            BatchDocuments batches,
            Uploads uploads,
            Organizations organizations,
            OutboundProperties properties,
            ChannelProperties channels,
            JsonMapper json,
            Environment environment) {
        this.campaigns = campaigns;
        this.batches = batches;
        this.uploads = uploads;
        this.organizations = organizations;
        this.properties = properties;
        this.channels = channels;
        this.json = json;
        this.environment = environment;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!properties.demo()) {
            return;
        }
        if (!SIMULATOR.equals(channels.voice())) {
            // The example numbers are made up; real calls to them would reach strangers.
            log.warn(
                    "OUTBOUND_DEMO is set but voice calls go through '{}', not the simulator: nothing seeded",
                    channels.voice());
            return;
        }
        // The demo acts as the bootstrap user of the default organization; it has no key of its own.
        var caller = new Caller(
                organizations.ensure(properties.defaultOrganization()),
                properties.bootstrapUserEmail(),
                true,
                0,
                KeyRole.ADMIN);
        if (seeded(caller)) {
            log.info("Demo batch '{}' is already there: {}", BATCH_ID, batchUrl());
            return;
        }
        JsonNode campaign = campaigns.create(caller, json.readTree(Examples.text(Examples.CAMPAIGN)));
        batches.create(
                caller,
                json.createObjectNode()
                        .put("batch_id", BATCH_ID)
                        .put("campaign_id", campaign.path("id").asLong()));
        Uploads.Outcome outcome;
        try (InputStream csv = Examples.open(Examples.CALL_LIST)) {
            outcome = uploads.upload(caller, BATCH_ID, "calllist.csv", csv);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        log.info(
                "Demo: campaign {} and batch '{}' seeded ({} rows: {} to call, {} invalid, {} duplicate); watch it at {}",
                campaign.path("id").asLong(),
                BATCH_ID,
                outcome.rows(),
                outcome.pending(),
                outcome.invalid(),
                outcome.duplicates(),
                batchUrl());
    }

    private boolean seeded(Caller caller) {
        try {
            batches.details(caller, BATCH_ID);
            return true;
        } catch (NotFound e) {
            return false;
        }
    }

    private String batchUrl() {
        return "http://localhost:" + environment.getProperty("local.server.port", "8080") + "/console/batches/"
                + BATCH_ID;
    }
}
