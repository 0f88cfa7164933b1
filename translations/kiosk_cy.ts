<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="cy" sourcelanguage="en">
<context>
    <name>AdminController</name>
    <message>
        <source>Too many wrong PINs. Try again after the kiosk restarts.</source>
        <translation>Gormod o PINau anghywir. Rhowch gynnig arall ar ôl i&apos;r ciosg ailgychwyn.</translation>
    </message>
    <message>
        <source>Wrong PIN.</source>
        <translation>PIN anghywir.</translation>
    </message>
    <message>
        <source>The two PINs are different. Try again.</source>
        <translation>Mae&apos;r ddau PIN yn wahanol. Rhowch gynnig arall.</translation>
    </message>
    <message>
        <source>A PIN is 4 to 8 digits.</source>
        <translation>Mae PIN yn 4 i 8 digid.</translation>
    </message>
    <message>
        <source>Could not apply the settings; see the log.</source>
        <translation>Methu rhoi&apos;r gosodiadau ar waith; gweler y log.</translation>
    </message>
    <message>
        <source>The settings file had problems; it was set aside and defaults used for:</source>
        <translation>Roedd problemau yn y ffeil gosodiadau; cafodd ei rhoi o&apos;r neilltu a defnyddiwyd y rhagosodiadau ar gyfer:</translation>
    </message>
    <message>
        <source>Now the schedule decides: %1. The mode and pack below apply outside it.</source>
        <translation>Yr amserlen sy&apos;n penderfynu nawr: %1. Mae&apos;r modd a&apos;r pecyn isod yn berthnasol y tu allan iddi.</translation>
    </message>
    <message>
        <source>Next change: %1.</source>
        <translation>Y newid nesaf: %1.</translation>
    </message>
</context>
<context>
    <name>AdminScreen</name>
    <message>
        <source>Staff settings</source>
        <translation>Gosodiadau staff</translation>
    </message>
    <message>
        <source>Choose a staff PIN</source>
        <translation>Dewiswch PIN staff</translation>
    </message>
    <message>
        <source>Type the PIN again</source>
        <translation>Teipiwch y PIN eto</translation>
    </message>
    <message>
        <source>Staff PIN</source>
        <translation>PIN staff</translation>
    </message>
    <message numerus="yes">
        <source>%n digit(s) typed</source>
        <translation>
            <numerusform>%n digid wedi&apos;u teipio</numerusform>
            <numerusform>%n digid wedi&apos;i deipio</numerusform>
            <numerusform>%n digid wedi&apos;u teipio</numerusform>
            <numerusform>%n digid wedi&apos;u teipio</numerusform>
            <numerusform>%n digid wedi&apos;u teipio</numerusform>
        </translation>
    </message>
    <message>
        <source>OK</source>
        <translation>Iawn</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Dileu</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Canslo</translation>
    </message>
    <message>
        <source>The chosen pack could not be shown, so the built-in pack is on screen:</source>
        <translation>Doedd dim modd dangos y pecyn a ddewiswyd, felly mae&apos;r pecyn adeiledig ar y sgrin:</translation>
    </message>
    <message>
        <source>Campaign pack</source>
        <translation>Pecyn ymgyrch</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Modd</translation>
    </message>
    <message>
        <source>Foyer touchscreen</source>
        <translation>Sgrin gyffwrdd y cyntedd</translation>
    </message>
    <message>
        <source>Assembly presenter</source>
        <translation>Cyflwynydd gwasanaeth</translation>
    </message>
    <message>
        <source>Parents&apos; evening</source>
        <translation>Noson rieni</translation>
    </message>
    <message>
        <source>Set by the school&apos;s IT</source>
        <translation>Wedi&apos;i osod gan TG yr ysgol</translation>
    </message>
    <message>
        <source>Set by the school&apos;s IT: %1</source>
        <translation>Wedi&apos;i osod gan TG yr ysgol: %1</translation>
    </message>
    <message>
        <source>Pack from the campaign&apos;s signed bundles:</source>
        <translation>Pecyn o fwndeli wedi&apos;u llofnodi gan yr ymgyrch:</translation>
    </message>
    <message>
        <source>The school&apos;s IT policy file has problems; the kiosk runs on what it could use:</source>
        <translation>Mae problemau yn ffeil polisi TG yr ysgol; mae&apos;r ciosg yn rhedeg ar yr hyn y gallai ei ddefnyddio:</translation>
    </message>
    <message>
        <source>Back to the loop after %1 s without a touch</source>
        <translation>Yn ôl i&apos;r ddolen ar ôl %1 eiliad heb gyffyrddiad</translation>
    </message>
    <message>
        <source>Shorter</source>
        <translation>Byrrach</translation>
    </message>
    <message>
        <source>Longer</source>
        <translation>Hirach</translation>
    </message>
    <message>
        <source>This run&apos;s idle time, from the command line (--idle-timeout); Save and close keeps it</source>
        <translation>Amser segur y tro hwn, o&apos;r llinell orchymyn (--idle-timeout); mae Cadw a chau yn ei gadw</translation>
    </message>
    <message>
        <source>Time each page stays up in the loop</source>
        <translation>Pa mor hir mae pob tudalen yn aros yn y ddolen</translation>
    </message>
    <message>
        <source>Shorter: %1</source>
        <translation>Byrrach: %1</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 e</translation>
    </message>
    <message>
        <source>Longer: %1</source>
        <translation>Hirach: %1</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Iaith</translation>
    </message>
    <message>
        <source>Reduced motion</source>
        <translation>Llai o symud</translation>
    </message>
    <message>
        <source>High contrast</source>
        <translation>Cyferbyniad uchel</translation>
    </message>
    <message>
        <source>Anonymous counts</source>
        <translation>Cyfrifiadau dienw</translation>
    </message>
    <message>
        <source>Text %1%</source>
        <translation>Testun %1%</translation>
    </message>
    <message>
        <source>on</source>
        <translation>ymlaen</translation>
    </message>
    <message>
        <source>off</source>
        <translation>i ffwrdd</translation>
    </message>
    <message>
        <source>Save and close</source>
        <translation>Cadw a chau</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cau</translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation>Ystadegau</translation>
    </message>
    <message>
        <source>Exit the kiosk</source>
        <translation>Gadael y ciosg</translation>
    </message>
</context>
<context>
    <name>FeedbackRow</name>
    <message>
        <source>Thank you!</source>
        <translation>Diolch!</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>Hepgor</translation>
    </message>
    <message>
        <source>Skip the question</source>
        <translation>Hepgor y cwestiwn</translation>
    </message>
    <message>
        <source>Only the number of answers is kept, never who gave them.</source>
        <translation>Dim ond nifer yr atebion sy&apos;n cael ei gadw, byth pwy a&apos;u rhoddodd.</translation>
    </message>
</context>
<context>
    <name>HelpPage</name>
    <message>
        <source>QR code for %1</source>
        <translation>Cod QR ar gyfer %1</translation>
    </message>
</context>
<context>
    <name>IdleWarning</name>
    <message>
        <source>Still there?</source>
        <translation>Dal yma?</translation>
    </message>
    <message numerus="yes">
        <source>Going back to the start in %n second(s). Your plan will be cleared.</source>
        <translation>
            <numerusform>Yn mynd yn ôl i&apos;r dechrau mewn %n eiliad. Bydd eich cynllun yn cael ei glirio.</numerusform>
            <numerusform>Yn mynd yn ôl i&apos;r dechrau mewn %n eiliad. Bydd eich cynllun yn cael ei glirio.</numerusform>
            <numerusform>Yn mynd yn ôl i&apos;r dechrau mewn %n eiliad. Bydd eich cynllun yn cael ei glirio.</numerusform>
            <numerusform>Yn mynd yn ôl i&apos;r dechrau mewn %n eiliad. Bydd eich cynllun yn cael ei glirio.</numerusform>
            <numerusform>Yn mynd yn ôl i&apos;r dechrau mewn %n eiliad. Bydd eich cynllun yn cael ei glirio.</numerusform>
        </translation>
    </message>
    <message>
        <source>Keep going</source>
        <translation>Daliwch ati</translation>
    </message>
</context>
<context>
    <name>KioskView</name>
    <message>
        <source>Tap to explore</source>
        <translation>Tapiwch i archwilio</translation>
    </message>
    <message>
        <source>Staff settings (hold for three seconds)</source>
        <translation>Gosodiadau staff (daliwch am dair eiliad)</translation>
    </message>
    <message>
        <source>White screen</source>
        <translation>Sgrin wen</translation>
    </message>
    <message>
        <source>Black screen</source>
        <translation>Sgrin ddu</translation>
    </message>
</context>
<context>
    <name>NavBar</name>
    <message>
        <source>Home</source>
        <translation>Hafan</translation>
    </message>
    <message>
        <source>Go to the first page</source>
        <translation>Mynd i&apos;r dudalen gyntaf</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Yn ôl</translation>
    </message>
    <message>
        <source>Previous page</source>
        <translation>Tudalen flaenorol</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation>Tudalen %1 o %2</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Nesaf</translation>
    </message>
    <message>
        <source>Next page</source>
        <translation>Tudalen nesaf</translation>
    </message>
    <message>
        <source>Get help</source>
        <translation>Cael help</translation>
    </message>
    <message>
        <source>Where to get help and how to report</source>
        <translation>Ble i gael help a sut i roi gwybod</translation>
    </message>
    <message>
        <source>Tap the screen to explore</source>
        <translation>Tapiwch y sgrin i archwilio</translation>
    </message>
</context>
<context>
    <name>PlanPage</name>
    <message>
        <source>My plan</source>
        <translation>Fy nghynllun</translation>
    </message>
    <message>
        <source>Tap the responses you would use. Your plan appears here. Nothing is saved.</source>
        <translation>Tapiwch yr ymatebion y byddech chi&apos;n eu defnyddio. Mae eich cynllun yn ymddangos yma. Does dim yn cael ei gadw.</translation>
    </message>
    <message>
        <source>Start again</source>
        <translation>Dechrau eto</translation>
    </message>
    <message>
        <source>Clear the plan</source>
        <translation>Clirio&apos;r cynllun</translation>
    </message>
</context>
<context>
    <name>PosterPage</name>
    <message>
        <source>Opens the page where you make your plan</source>
        <translation>Yn agor y dudalen lle rydych chi&apos;n gwneud eich cynllun</translation>
    </message>
</context>
<context>
    <name>PresenterView</name>
    <message>
        <source>Presenter view</source>
        <translation>Golwg y cyflwynydd</translation>
    </message>
    <message>
        <source>End of the presentation</source>
        <translation>Diwedd y cyflwyniad</translation>
    </message>
    <message>
        <source>Now: %1 (%2 of %3)</source>
        <translation>Nawr: %1 (%2 o %3)</translation>
    </message>
    <message>
        <source>Next: %1</source>
        <translation>Nesaf: %1</translation>
    </message>
    <message>
        <source>Elapsed time %1</source>
        <translation>Amser a aeth heibio %1</translation>
    </message>
    <message>
        <source>Go to page %1 (Enter)</source>
        <translation>Mynd i dudalen %1 (Enter)</translation>
    </message>
    <message>
        <source>Screen is black (Esc)</source>
        <translation>Mae&apos;r sgrin yn ddu (Esc)</translation>
    </message>
    <message>
        <source>Screen is white (Esc)</source>
        <translation>Mae&apos;r sgrin yn wen (Esc)</translation>
    </message>
    <message>
        <source>Speaker notes</source>
        <translation>Nodiadau&apos;r siaradwr</translation>
    </message>
    <message>
        <source>No notes for this page.</source>
        <translation>Dim nodiadau ar gyfer y dudalen hon.</translation>
    </message>
    <message>
        <source>Questions to discuss</source>
        <translation>Cwestiynau i&apos;w trafod</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Yn ôl</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Nesaf</translation>
    </message>
    <message>
        <source>Black</source>
        <translation>Du</translation>
    </message>
    <message>
        <source>White</source>
        <translation>Gwyn</translation>
    </message>
</context>
<context>
    <name>ScrollPage</name>
    <message>
        <source>Back to the top</source>
        <translatorcomment>New with scrolling pages (200 % text): for review by a Welsh speaker.</translatorcomment>
        <translation>Yn ôl i&apos;r brig</translation>
    </message>
    <message>
        <source>More below</source>
        <translatorcomment>New with scrolling pages (200 % text): for review by a Welsh speaker.</translatorcomment>
        <translation>Mwy isod</translation>
    </message>
    <message>
        <source>Screen %1 of %2</source>
        <translatorcomment>New with scrolling pages (200 % text): for review by a Welsh speaker.</translatorcomment>
        <translation>Sgrin %1 o %2</translation>
    </message>
</context>
<context>
    <name>StatsPanel</name>
    <message>
        <source>most in a day: %1</source>
        <translation>y mwyaf mewn diwrnod: %1</translation>
    </message>
    <message>
        <source>Anonymous counts</source>
        <translation>Cyfrifiadau dienw</translation>
    </message>
    <message>
        <source>Counting is switched off in the settings: nothing new is counted.</source>
        <translation>Mae&apos;r cyfrif wedi&apos;i ddiffodd yn y gosodiadau: does dim byd newydd yn cael ei gyfrif.</translation>
    </message>
    <message>
        <source>Counting is off (the kiosk was started with --no-stats).</source>
        <translation>Mae&apos;r cyfrif wedi&apos;i ddiffodd (cafodd y ciosg ei gychwyn gyda --no-stats).</translation>
    </message>
    <message>
        <source>Last %1 days</source>
        <translation>Y %1 diwrnod diwethaf</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Yn ôl</translation>
    </message>
    <message>
        <source>Pages shown: %1 by the loop, %2 by a tap. Visits: %3 (about %4 s and %5 pages each). Plans made: %6. Help pages opened: %7.</source>
        <translation>Tudalennau a ddangoswyd: %1 gan y ddolen, %2 drwy dap. Ymweliadau: %3 (tua %4 eiliad a %5 tudalen yr un). Cynlluniau a wnaed: %6. Tudalennau help a agorwyd: %7.</translation>
    </message>
    <message>
        <source>Pages shown per day: blue by the loop, yellow by a tap</source>
        <translation>Tudalennau a ddangoswyd bob dydd: glas gan y ddolen, melyn drwy dap</translation>
    </message>
    <message>
        <source>Visits per day</source>
        <translation>Ymweliadau bob dydd</translation>
    </message>
    <message>
        <source>Feedback answers</source>
        <translation>Atebion adborth</translation>
    </message>
    <message>
        <source>No answers yet.</source>
        <translation>Dim atebion eto.</translation>
    </message>
    <message>
        <source>Outbox</source>
        <translation>Blwch allan</translation>
    </message>
    <message>
        <source>No outbox: the machine policy names none, so the counts stay on this kiosk.</source>
        <translation>Dim blwch allan: nid yw polisi&apos;r peiriant yn enwi un, felly mae&apos;r cyfrifiadau&apos;n aros ar y ciosg hwn.</translation>
    </message>
    <message>
        <source>This kiosk writes its daily counts as &quot;%1&quot;.</source>
        <translation>Mae&apos;r ciosg hwn yn ysgrifennu ei gyfrifiadau dyddiol fel &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>Last written: %1.</source>
        <translation>Ysgrifennwyd ddiwethaf: %1.</translation>
    </message>
    <message>
        <source>Not written yet.</source>
        <translation>Heb ei ysgrifennu eto.</translation>
    </message>
    <message>
        <source>%1 (not there now)</source>
        <translation>%1 (ddim yno nawr)</translation>
    </message>
    <message>
        <source>Last error (tried again later): %1</source>
        <translation>Gwall diwethaf (rhoddir cynnig arall yn nes ymlaen): %1</translation>
    </message>
    <message>
        <source>Writing the counts...</source>
        <translation>Wrthi&apos;n ysgrifennu&apos;r cyfrifiadau...</translation>
    </message>
    <message>
        <source>Write the counts now</source>
        <translation>Ysgrifennu&apos;r cyfrifiadau nawr</translation>
    </message>
</context>
<context>
    <name>StoryPage</name>
    <message>
        <source>Panel %1 of %2</source>
        <translation>Panel %1 o %2</translation>
    </message>
</context>
<context>
    <name>TipsPage</name>
    <message numerus="yes">
        <source>%n tip(s). Each opens why it matters and what to do.</source>
        <translation>
            <numerusform>%n awgrym. Mae pob un yn agor pam mae&apos;n bwysig a beth i&apos;w wneud.</numerusform>
            <numerusform>%n awgrym. Mae&apos;n agor pam mae&apos;n bwysig a beth i&apos;w wneud.</numerusform>
            <numerusform>%n awgrym. Mae pob un yn agor pam mae&apos;n bwysig a beth i&apos;w wneud.</numerusform>
            <numerusform>%n awgrym. Mae pob un yn agor pam mae&apos;n bwysig a beth i&apos;w wneud.</numerusform>
            <numerusform>%n awgrym. Mae pob un yn agor pam mae&apos;n bwysig a beth i&apos;w wneud.</numerusform>
        </translation>
    </message>
    <message>
        <source>Tip %1. Opens why it matters and what to do.</source>
        <translation>Awgrym %1. Yn agor pam mae&apos;n bwysig a beth i&apos;w wneud.</translation>
    </message>
    <message>
        <source>Why it matters</source>
        <translation>Pam mae&apos;n bwysig</translation>
    </message>
    <message>
        <source>What to do</source>
        <translation>Beth i&apos;w wneud</translation>
    </message>
    <message>
        <source>All tips</source>
        <translation>Pob awgrym</translation>
    </message>
    <message>
        <source>Back to the list of tips</source>
        <translation>Yn ôl at y rhestr awgrymiadau</translation>
    </message>
</context>
</TS>
