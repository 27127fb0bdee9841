import type { INestApplication } from "@nestjs/common";
import { DocumentBuilder, SwaggerModule } from "@nestjs/swagger";

/** Where the OpenAPI document and the interactive docs are served. */
export const OPENAPI_PATH = "/openapi.json";
export const DOCS_PATH = "/docs";

/** Serves the OpenAPI document built from the controllers, and Swagger UI over it. */
export function setupOpenApi(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle("Skein")
    .setDescription(
      "Skein's REST API: Confluent REST Proxy v3 and v2 resources (topics, partitions, configs, records), the " +
        "console's extensions under /v3/clusters/{cluster_id}, and the service's health and metrics. Errors are " +
        '`{"error_code": N, "message": "..."}`, where N is the HTTP status or the status followed by two digits.',
    )
    .setVersion("0.1.0")
    .build();
  const document = SwaggerModule.createDocument(app, config);
  SwaggerModule.setup(DOCS_PATH.slice(1), app, document, { jsonDocumentUrl: OPENAPI_PATH.slice(1), raw: ["json"] });
}
