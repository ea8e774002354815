-- The language a customer receives its documents, e-mails and portal pages in.
ALTER TABLE customers ADD COLUMN language text NOT NULL DEFAULT 'nl' CHECK (language IN ('nl', 'en'));
