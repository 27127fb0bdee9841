import { ApiProperty } from "@nestjs/swagger";

/** The v3 shapes every resource shares, for the OpenAPI document. */

export class ResourceMetadataDto {
  @ApiProperty({ description: "Absolute URL of this resource", example: "http://localhost:8080/v3/clusters/4L6g3nShT-eMCtK--X86sw" })
  self!: string;

  @ApiProperty({ type: String, nullable: true, description: "Resource name", example: "crn:///kafka=4L6g3nShT-eMCtK--X86sw" })
  resource_name!: string | null;
}

export class ResourceCollectionMetadataDto {
  @ApiProperty({ description: "Absolute URL of this list" })
  self!: string;

  @ApiProperty({ type: String, nullable: true, description: "The next page, or null when this is the last" })
  next!: string | null;
}

export class RelationshipDto {
  @ApiProperty({ description: "Absolute URL of the related resource" })
  related!: string;
}

export class ErrorDto {
  @ApiProperty({ description: "The HTTP status, or the status followed by two digits", example: 40403 })
  error_code!: number;

  @ApiProperty({ type: String, nullable: true, example: "This server does not host this topic-partition." })
  message!: string | null;
}
