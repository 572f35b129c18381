CREATE TABLE "device_list_reminders" (
	"reporting_month" text PRIMARY KEY NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"reminded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "device_list_rows" (
	"list_id" uuid NOT NULL,
	"row_no" integer NOT NULL,
	"application_id" text NOT NULL,
	"procedure_code" text NOT NULL,
	"imei" text NOT NULL,
	CONSTRAINT "device_list_rows_list_id_row_no_pk" PRIMARY KEY("list_id","row_no")
);
--> statement-breakpoint
CREATE TABLE "device_lists" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reporting_month" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"cover_letter" text NOT NULL,
	"file_name" text NOT NULL,
	"file_sha256" text NOT NULL,
	"row_count" integer NOT NULL,
	"imported_by" integer NOT NULL,
	"imported_at" timestamp with time zone NOT NULL,
	CONSTRAINT "device_lists_reporting_month_unique" UNIQUE("reporting_month")
);
--> statement-breakpoint
ALTER TABLE "device_list_rows" ADD CONSTRAINT "device_list_rows_list_id_device_lists_id_fk" FOREIGN KEY ("list_id") REFERENCES "public"."device_lists"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "device_lists" ADD CONSTRAINT "device_lists_imported_by_users_id_fk" FOREIGN KEY ("imported_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "device_list_rows_imei_idx" ON "device_list_rows" USING btree ("imei");