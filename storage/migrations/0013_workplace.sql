-- A delegate's đơn vị công tác (the body they work for, e.g. "Công an xã Lộc Tấn") beside the
-- category of the plan (thành phần): printed lists show both. '' when not given.
ALTER TABLE delegates ADD COLUMN workplace TEXT NOT NULL DEFAULT '';
