import { ApiPropertyOptional } from "@nestjs/swagger";

/** The query of `GET .../topics/{topic}/records:search`. */
export class RecordSearchQueryDto {
  @ApiPropertyOptional({ description: "The exact key (UTF-8). Only the key's murmur2 partition is scanned (where Kafka's producers put it), unless `partition` names one." })
  key?: string;

  @ApiPropertyOptional({ description: "Text (UTF-8 bytes) the value contains" })
  value_contains?: string;

  @ApiPropertyOptional({ description: "A header with this exact name" })
  header_name?: string;

  @ApiPropertyOptional({ description: "Text a header's value contains (that of `header_name` when given, else any header's)" })
  header_contains?: string;

  @ApiPropertyOptional({ description: "A path into a JSON value, such as `$.customer.id` or `$.items[0].sku`; with `json_equals`" })
  json_path?: string;

  @ApiPropertyOptional({ description: "The JSON value at `json_path` must equal this (`\"kim\"`, `42`, `true`; text that is not JSON is taken as a string)" })
  json_equals?: string;

  @ApiPropertyOptional({ description: "Scan only this partition" })
  partition?: string;

  @ApiPropertyOptional({ description: "Stop after this many matches (1 to 10000, default 100)" })
  limit?: string;
}
