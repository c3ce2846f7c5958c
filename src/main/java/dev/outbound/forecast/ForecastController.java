package dev.outbound.forecast;

import dev.outbound.auth.Caller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Extension: when will this batch be done. */
@RestController
class ForecastController {
    private final Forecasts forecasts;

    ForecastController(Forecasts forecasts) {
        this.forecasts = forecasts;
    }

    @GetMapping("/api/v1/outbound/batches/{batchId}/forecast")
    Forecast forecast(Caller caller, @PathVariable String batchId) {
        return forecasts.of(caller, batchId);
    }
}
