<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>AccountController</name>
    <message numerus="yes">
        <source>Your IACrea account has no photo credits left, so IACrea will probably refuse %n photo(s). Send anyway?</source>
        <translation>
            <numerusform>Your IACrea account has no photo credits left, so IACrea will probably refuse %n photo. Send anyway?</numerusform>
            <numerusform>Your IACrea account has no photo credits left, so IACrea will probably refuse %n photos. Send anyway?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>You have %n photo credit(s) but selected {0} photos: some may be refused. Send anyway?</source>
        <translation>
            <numerusform>You have %n photo credit but selected {0} photos: some may be refused. Send anyway?</numerusform>
            <numerusform>You have %n photo credits but selected {0} photos: some may be refused. Send anyway?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>This uses %n photo credit(s); {0} will be left. Continue?</source>
        <translation>
            <numerusform>This uses %n photo credit; {0} will be left. Continue?</numerusform>
            <numerusform>This uses %n photo credits; {0} will be left. Continue?</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Counts</name>
    <message numerus="yes">
        <source>%n photo(s)</source>
        <translation>
            <numerusform>%n photo</numerusform>
            <numerusform>%n photos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n photo credit(s)</source>
        <translation>
            <numerusform>%n photo credit</numerusform>
            <numerusform>%n photo credits</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n result(s)</source>
        <translation>
            <numerusform>%n result</numerusform>
            <numerusform>%n results</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s)</source>
        <translation>
            <numerusform>%n file</numerusform>
            <numerusform>%n files</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n kept version(s)</source>
        <translation>
            <numerusform>%n kept version</numerusform>
            <numerusform>%n kept versions</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DialogPrompt</name>
    <message numerus="yes">
        <source>%n photo(s) are still being processed.</source>
        <translation>
            <numerusform>%n photo is still being processed.</numerusform>
            <numerusform>%n photos are still being processed.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExportListingDialog</name>
    <message numerus="yes">
        <source>%n photo(s) in the listing&apos;s order, named 01-name.jpg…, each as its kept version.</source>
        <translation>
            <numerusform>%n photo in the listing&apos;s order, named 01-name.jpg, as its kept version.</numerusform>
            <numerusform>%n photos in the listing&apos;s order, named 01-name.jpg…, each as its kept version.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s) in the listing&apos;s order, named 01-name.jpg…, as taken: no version is kept yet.</source>
        <translation>
            <numerusform>%n photo in the listing&apos;s order, named 01-name.jpg, as taken: no version is kept yet.</numerusform>
            <numerusform>%n photos in the listing&apos;s order, named 01-name.jpg…, as taken: no version is kept yet.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GenerationController</name>
    <message numerus="yes">
        <source>%n photo(s) already have a result. Generating again uses a new credit for each; New variation may cost less. Generate anyway?</source>
        <translation>
            <numerusform>This photo already has a result. Generating it again uses a new credit; New variation may cost less. Generate anyway?</numerusform>
            <numerusform>%n of these photos already have a result. Generating them again uses a new credit for each; New variation may cost less. Generate anyway?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>This sends %n photo(s) to IACrea and uses one credit for each. Send them?</source>
        <translation>
            <numerusform>This sends %n photo to IACrea and uses one credit. Send it?</numerusform>
            <numerusform>This sends %n photos to IACrea and uses one credit for each. Send them?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Starting %n photo(s) on this computer…</source>
        <translation>
            <numerusform>Starting %n photo on this computer…</numerusform>
            <numerusform>Starting %n photos on this computer…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Sending %n photo(s)…</source>
        <translation>
            <numerusform>Sending %n photo…</numerusform>
            <numerusform>Sending %n photos…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s) may already have used a credit: SkyClear was cut off while sending, or IACrea no longer knows the job. Sending again may use a second credit each. Send again?</source>
        <translation>
            <numerusform>This photo may already have used a credit: SkyClear was cut off while sending it, or IACrea no longer knows the job. Sending it again may use a second credit. Send it again?</numerusform>
            <numerusform>%n of these photos may already have used a credit: SkyClear was cut off while sending, or IACrea no longer knows the jobs. Sending them again may use a second credit each. Send them again?</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LibraryController</name>
    <message numerus="yes">
        <source>%n photo(s) added.</source>
        <translation>
            <numerusform>%n photo added.</numerusform>
            <numerusform>%n photos added.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Remove %n photo(s) and their results from the library? The result files stay in the library folder; your original photos are not touched.</source>
        <translation>
            <numerusform>Remove %n photo and its results from the library? The result files stay in the library folder; your original photo is not touched.</numerusform>
            <numerusform>Remove %n photos and their results from the library? The result files stay in the library folder; your original photos are not touched.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ListingController</name>
    <message numerus="yes">
        <source>Exporting: %1 of %n file(s) written…</source>
        <translation>
            <numerusform>Exporting: %1 of %n file written…</numerusform>
            <numerusform>Exporting: %1 of %n files written…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The export stopped unexpectedly, perhaps for lack of memory: %n of %1 file(s) were written to %2, complete and kept. Close other programs and export again.</source>
        <translation>
            <numerusform>The export stopped unexpectedly, perhaps for lack of memory: %n of %1 files was written to %2, complete and kept. Close other programs and export again.</numerusform>
            <numerusform>The export stopped unexpectedly, perhaps for lack of memory: %n of %1 files were written to %2, complete and kept. Close other programs and export again.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s) exported to %1. The before/after sheet could not be saved there (%2); the photos are complete, export again to make the sheet.</source>
        <translation>
            <numerusform>%n photo exported to %1. The before/after sheet could not be saved there (%2); the photo is complete, export again to make the sheet.</numerusform>
            <numerusform>%n photos exported to %1. The before/after sheet could not be saved there (%2); the photos are complete, export again to make the sheet.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) exported to %1.</source>
        <translation>
            <numerusform>%n file exported to %1.</numerusform>
            <numerusform>%n files exported to %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Export stopped while the before/after sheet was drawn: %n file(s) written to %1, complete and kept; no sheet was written.</source>
        <translation>
            <numerusform>Export stopped while the before/after sheet was drawn: %n file written to %1, complete and kept; no sheet was written.</numerusform>
            <numerusform>Export stopped while the before/after sheet was drawn: %n files written to %1, complete and kept; no sheet was written.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Export stopped: %1 of %n file(s) written to %2. Those files are complete and kept; export again to write them all.</source>
        <translation>
            <numerusform>Export stopped: %1 of %n file written to %2. Those files are complete and kept; export again to write them all.</numerusform>
            <numerusform>Export stopped: %1 of %n files written to %2. Those files are complete and kept; export again to write them all.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>Continuing %n photo(s) not finished last time.</source>
        <translation>
            <numerusform>Continuing %n photo not finished last time.</numerusform>
            <numerusform>Continuing %n photos not finished last time.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message numerus="yes">
        <source>IACrea unreachable for %n min.</source>
        <translation>
            <numerusform>IACrea unreachable for %n min.</numerusform>
            <numerusform>IACrea unreachable for %n min.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The picture was uploaded, but its link was refused because this computer&apos;s clock is off by about %n minute(s); set the date and time right (automatically) and test again.</source>
        <translation>
            <numerusform>The picture was uploaded, but its link was refused because this computer&apos;s clock is off by about %n minute; set the date and time right (automatically) and test again.</numerusform>
            <numerusform>The picture was uploaded, but its link was refused because this computer&apos;s clock is off by about %n minutes; set the date and time right (automatically) and test again.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ResultsController</name>
    <message numerus="yes">
        <source>%n result(s) exported to {0}</source>
        <translation>
            <numerusform>%n result exported to {0}</numerusform>
            <numerusform>%n results exported to {0}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ServicePanel</name>
    <message numerus="yes">
        <source>%n photo credit(s)</source>
        <translation>
            <numerusform>%n photo credit</numerusform>
            <numerusform>%n photo credits</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Generate %n photo(s) · %n credit(s)</source>
        <translation>
            <numerusform>Generate %n photo · %n credit</numerusform>
            <numerusform>Generate %n photos · %n credits</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Generate %n photo(s)</source>
        <translation>
            <numerusform>Generate %n photo</numerusform>
            <numerusform>Generate %n photos</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message numerus="yes">
        <source>Connected. Your account has %n photo credit(s) ({0} from your plan, {1} extra).</source>
        <translation>
            <numerusform>Connected. Your account has %n photo credit ({0} from your plan, {1} extra).</numerusform>
            <numerusform>Connected. Your account has %n photo credits ({0} from your plan, {1} extra).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Connected. Your account has %n photo credit(s).</source>
        <translation>
            <numerusform>Connected. Your account has %n photo credit.</numerusform>
            <numerusform>Connected. Your account has %n photo credits.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SkyReviewDialog</name>
    <message numerus="yes">
        <source>Check the sky of the other %n photo(s) too</source>
        <translation>
            <numerusform>Check the sky of the other photo too</numerusform>
            <numerusform>Check the sky of the other %n photos too</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n sky region(s).</source>
        <translation>
            <numerusform>%n sky region.</numerusform>
            <numerusform>%n sky regions.</numerusform>
        </translation>
    </message>
</context>
</TS>
