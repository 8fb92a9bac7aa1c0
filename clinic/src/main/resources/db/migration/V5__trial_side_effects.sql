-- Version 5: whether a screening dose caused side effects. With side effects the starting daily dose equals the
-- effective bolus instead of twice it (ScreeningTrial.startingDose), so the stored trial must say so to reproduce
-- the suggestion. Same SQL on H2 and PostgreSQL.
ALTER TABLE screening_trial ADD COLUMN side_effects BOOLEAN DEFAULT FALSE NOT NULL;
