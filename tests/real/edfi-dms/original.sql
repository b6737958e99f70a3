-- Ed-Fi Data Management Service, bc25aa66b15f89ecadf49bed38e3d36fb4d2d287
-- Concatenation of src/dms/backend/EdFi.DataManagementService.Backend.Postgresql/Deploy/Scripts/{0000,0001,0002,0003,0015,0023}*.sql, verbatim (see SOURCE.md).

-- ===== 0000_Create_DMS_Schema.sql
-- SPDX-License-Identifier: Apache-2.0
-- Licensed to the Ed-Fi Alliance under one or more agreements.
-- The Ed-Fi Alliance licenses this file to you under the Apache License, Version 2.0.
-- See the LICENSE and NOTICES files in the project root for more information.

CREATE SCHEMA IF NOT EXISTS dms;

-- ===== 0001_Create_Document_Table.sql
-- SPDX-License-Identifier: Apache-2.0
-- Licensed to the Ed-Fi Alliance under one or more agreements.
-- The Ed-Fi Alliance licenses this file to you under the Apache License, Version 2.0.
-- See the LICENSE and NOTICES files in the project root for more information.

CREATE TABLE IF NOT EXISTS dms.Document (
  Id BIGINT GENERATED ALWAYS AS IDENTITY(START WITH 1 INCREMENT BY 1),
  DocumentPartitionKey SMALLINT NOT NULL,
  DocumentUuid UUID NOT NULL,
  ResourceName VARCHAR(256) NOT NULL,
  ResourceVersion VARCHAR(64) NOT NULL,
  IsDescriptor BOOLEAN NOT NULL,
  ProjectName VARCHAR(256) NOT NULL,
  EdfiDoc JSONB NOT NULL,
  SecurityElements JSONB NOT NULL,
  StudentSchoolAuthorizationEdOrgIds JSONB NULL,
  StudentEdOrgResponsibilityAuthorizationIds JSONB NULL,
  ContactStudentSchoolAuthorizationEdOrgIds JSONB NULL,
  StaffEducationOrganizationAuthorizationEdOrgIds JSONB NULL,
  CreatedAt TIMESTAMP NOT NULL DEFAULT NOW(),
  LastModifiedAt TIMESTAMP NOT NULL DEFAULT NOW(),
  LastModifiedTraceId VARCHAR(128) NOT NULL,
  PRIMARY KEY (DocumentPartitionKey, Id)
) PARTITION BY HASH(DocumentPartitionKey);

-- Create partitions if not exists
DO $$
DECLARE
    i INT;
    partition_name TEXT;
BEGIN
    FOR i IN 0..15 LOOP
        partition_name := 'document_' || to_char(i, 'FM00');
        EXECUTE format(
            'CREATE TABLE IF NOT EXISTS dms.%I PARTITION OF dms.Document FOR VALUES WITH (MODULUS 16, REMAINDER %s);',
            partition_name, i
        );
    END LOOP;
END$$;

-- Create unique indexes if not exists
CREATE UNIQUE INDEX IF NOT EXISTS UX_Document_DocumentUuid ON dms.Document (DocumentPartitionKey, DocumentUuid);
CREATE UNIQUE INDEX IF NOT EXISTS UX_Document_DocumentId ON dms.Document (DocumentPartitionKey, Id);

-- Set REPLICA IDENTITY FULL to all partitions
DO $$
DECLARE
    i INT;
    partition_name TEXT;
BEGIN
    EXECUTE 'ALTER TABLE IF EXISTS dms.Document REPLICA IDENTITY FULL;';
    FOR i IN 0..15 LOOP
        partition_name := 'document_' || to_char(i, 'FM00');
        EXECUTE format('ALTER TABLE IF EXISTS dms.%I REPLICA IDENTITY FULL;', partition_name);
    END LOOP;
END$$;



-- ===== 0002_Create_Alias_Table.sql
-- SPDX-License-Identifier: Apache-2.0
-- Licensed to the Ed-Fi Alliance under one or more agreements.
-- The Ed-Fi Alliance licenses this file to you under the Apache License, Version 2.0.
-- See the LICENSE and NOTICES files in the project root for more information.

-- Create main table if not exists
CREATE TABLE IF NOT EXISTS dms.Alias (
  Id BIGINT GENERATED ALWAYS AS IDENTITY(START WITH 1 INCREMENT BY 1),
  ReferentialPartitionKey SMALLINT NOT NULL,
  ReferentialId UUID NOT NULL,
  DocumentId BIGINT NOT NULL,
  DocumentPartitionKey SMALLINT NOT NULL,
  PRIMARY KEY (ReferentialPartitionKey, Id)
) PARTITION BY HASH(ReferentialPartitionKey);

-- Create partitions if not exists
DO $$
DECLARE
    i INT;
    partition_name TEXT;
BEGIN
    FOR i IN 0..15 LOOP
        partition_name := 'alias_' || to_char(i, 'FM00');
        EXECUTE format(
            'CREATE TABLE IF NOT EXISTS dms.%I PARTITION OF dms.Alias FOR VALUES WITH (MODULUS 16, REMAINDER %s);',
            partition_name, i
        );
    END LOOP;
END$$;

-- Referential ID uniqueness validation and reference insert into References support
CREATE UNIQUE INDEX IF NOT EXISTS UX_Alias_ReferentialId ON dms.Alias (ReferentialPartitionKey, ReferentialId);

-- Add FK constraint if not exists
DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM information_schema.table_constraints
        WHERE table_schema = 'dms' AND table_name = 'alias' AND constraint_name = 'fk_alias_document'
    ) THEN
        ALTER TABLE dms.Alias
        ADD CONSTRAINT FK_Alias_Document FOREIGN KEY (DocumentPartitionKey, DocumentId)
        REFERENCES dms.Document (DocumentPartitionKey, Id) ON DELETE CASCADE;
    END IF;
END$$;


-- ===== 0003_Create_Reference_Table.sql
-- SPDX-License-Identifier: Apache-2.0
-- Licensed to the Ed-Fi Alliance under one or more agreements.
-- The Ed-Fi Alliance licenses this file to you under the Apache License, Version 2.0.
-- See the LICENSE and NOTICES files in the project root for more information.

-- Create main table if not exists
CREATE TABLE IF NOT EXISTS dms.Reference (
  Id BIGINT GENERATED ALWAYS AS IDENTITY(START WITH 1 INCREMENT BY 1),
  ParentDocumentId BIGINT NOT NULL,
  ParentDocumentPartitionKey SMALLINT NOT NULL,
  ReferencedDocumentId BIGINT NULL,
  ReferencedDocumentPartitionKey SMALLINT NULL,
  ReferentialId UUID NOT NULL,
  ReferentialPartitionKey SMALLINT NOT NULL,
  PRIMARY KEY (ParentDocumentPartitionKey, Id)
) PARTITION BY HASH(ParentDocumentPartitionKey);

-- Create partitions if not exists
DO $$
DECLARE
    i INT;
    partition_name TEXT;
BEGIN
    FOR i IN 0..15 LOOP
        partition_name := 'reference_' || to_char(i, 'FM00');
        EXECUTE format(
            'CREATE TABLE IF NOT EXISTS dms.%I PARTITION OF dms.Reference FOR VALUES WITH (MODULUS 16, REMAINDER %s);',
            partition_name, i
        );
    END LOOP;
END$$;

-- Lookup support for DELETE/UPDATE by id
CREATE INDEX IF NOT EXISTS UX_Reference_ParentDocumentId ON dms.Reference (ParentDocumentPartitionKey, ParentDocumentId);

-- Lookup support for DELETE failure due to existing references - cross partition index
CREATE INDEX IF NOT EXISTS UX_Reference_ReferencedDocumentId ON dms.Reference (ReferencedDocumentPartitionKey, ReferencedDocumentId);

-- FK back to parent document
DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM information_schema.table_constraints
        WHERE table_schema = 'dms' AND table_name = 'reference' AND constraint_name = 'fk_reference_parentdocument'
    ) THEN
        ALTER TABLE dms.Reference
        ADD CONSTRAINT FK_Reference_ParentDocument FOREIGN KEY (ParentDocumentPartitionKey, ParentDocumentId)
        REFERENCES dms.Document (DocumentPartitionKey, Id) ON DELETE CASCADE;
    END IF;
END$$;

-- FK back to document being referenced - can be null if reference validation is turned off
DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM information_schema.table_constraints
        WHERE table_schema = 'dms' AND table_name = 'reference' AND constraint_name = 'fk_reference_referenceddocument'
    ) THEN
        ALTER TABLE dms.Reference
        ADD CONSTRAINT FK_Reference_ReferencedDocument FOREIGN KEY (ReferencedDocumentPartitionKey, ReferencedDocumentId)
        REFERENCES dms.Document (DocumentPartitionKey, Id);
    END IF;
END$$;


-- ===== 0015_Create_Reference_Validation_FKs.sql
-- SPDX-License-Identifier: Apache-2.0
-- Licensed to the Ed-Fi Alliance under one or more agreements.
-- The Ed-Fi Alliance licenses this file to you under the Apache License, Version 2.0.
-- See the LICENSE and NOTICES files in the project root for more information.

-- Reference validation enforcement occurs via this constraint
-- Omitting this FK effectively disables reference validation
DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM information_schema.table_constraints
        WHERE table_schema = 'dms' AND table_name = 'reference' AND constraint_name = 'fk_reference_referencedalias'
    ) THEN
        ALTER TABLE dms.Reference
        ADD CONSTRAINT FK_Reference_ReferencedAlias FOREIGN KEY (ReferentialPartitionKey, ReferentialId)
        REFERENCES dms.Alias (ReferentialPartitionKey, ReferentialId) ON DELETE RESTRICT ON UPDATE CASCADE;
    END IF;
END$$;

-- ===== 0023_Create_Indexes.QueryHandler.sql
-- SPDX-License-Identifier: Apache-2.0
-- Licensed to the Ed-Fi Alliance under one or more agreements.
-- The Ed-Fi Alliance licenses this file to you under the Apache License, Version 2.0.
-- See the LICENSE and NOTICES files in the project root for more information.

-- To improve GetByQuery requests performance
CREATE INDEX IF NOT EXISTS IX_Document_ResourceName_CreatedAt ON dms.Document (ResourceName, CreatedAt);

-- To improve GetByQuery authorization performance
CREATE INDEX IF NOT EXISTS IX_Document_StudentSchoolAuthorizationEdOrgIds ON dms.Document USING GIN (StudentSchoolAuthorizationEdOrgIds);
CREATE INDEX IF NOT EXISTS IX_Document_ContactStudentSchoolAuthorizationEdOrgIds ON dms.Document USING GIN (ContactStudentSchoolAuthorizationEdOrgIds);
CREATE INDEX IF NOT EXISTS IX_Document_StaffEducationOrganizationAuthorizationEdOrgIds ON dms.Document USING GIN (StaffEducationOrganizationAuthorizationEdOrgIds);
CREATE INDEX IF NOT EXISTS IX_Document_StudentEdOrgResponsibilityAuthorizationIds ON dms.Document USING GIN (StudentEdOrgResponsibilityAuthorizationIds);

CREATE INDEX IF NOT EXISTS IX_Document_SecurityElements_EducationOrganization ON dms.Document USING GIN ((SecurityElements -> 'EducationOrganization'));
CREATE INDEX IF NOT EXISTS IX_Document_SecurityElements_Namespace ON dms.Document USING GIN ((SecurityElements -> 'Namespace'));
