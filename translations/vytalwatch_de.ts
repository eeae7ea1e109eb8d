<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>ApiError</name>
    <message numerus="yes">
        <location filename="../app/client/apierror.cpp" line="57"/>
        <source>Too many attempts. Try again in %n minutes.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../app/client/apierror.cpp" line="58"/>
        <source>Too many requests. Try again in %n minutes.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../app/client/apierror.cpp" line="61"/>
        <source>Too many attempts. Try again in %n seconds.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../app/client/apierror.cpp" line="62"/>
        <source>Too many requests. Try again in %n seconds.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/client/apierror.cpp" line="64"/>
        <source>Too many attempts. Try again in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/client/apierror.cpp" line="65"/>
        <source>Too many requests. Try again in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/client/apierror.cpp" line="72"/>
        <source>This conflicts with a change made elsewhere. Reload and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/client/apierror.cpp" line="74"/>
        <source>The file is too large to send.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/client/apierror.cpp" line="76"/>
        <source>This type of file cannot be sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/client/apierror.cpp" line="78"/>
        <source>The file was refused because it may contain a virus.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/client/apierror.cpp" line="81"/>
        <source>The server refused the request.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/client/apierror.cpp" line="82"/>
        <source>The server refused the request: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/client/apierror.cpp" line="158"/>
        <source>Cannot reach the server at %1. Check the address and your network connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/client/apierror.cpp" line="161"/>
        <source>The server at %1 did not answer in time. Try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/client/apierror.cpp" line="163"/>
        <source>Cannot establish a secure connection to %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/client/apierror.cpp" line="165"/>
        <source>Wrong username or password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/client/apierror.cpp" line="166"/>
        <source>Your session has expired. Please sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/client/apierror.cpp" line="168"/>
        <source>You are not allowed to do this.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/client/apierror.cpp" line="170"/>
        <source>This item does not exist or is not available to you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/client/apierror.cpp" line="177"/>
        <source>The server at %1 sent an answer this app cannot read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/client/apierror.cpp" line="179"/>
        <source>The server is temporarily unavailable. Try again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/client/apierror.cpp" line="180"/>
        <source>The server ran into a problem (error %1). Try again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/client/apierror.cpp" line="182"/>
        <source>Something went wrong.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/chat/main.cpp" line="25"/>
        <source>VytalWatch Messaging desktop app</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/main.cpp" line="29"/>
        <source>Server to connect to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/main.cpp" line="32"/>
        <source>Host the clinic server in-process.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/main.cpp" line="34"/>
        <source>Data directory of the hosted server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/main.cpp" line="36"/>
        <source>Port of the hosted server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/main.cpp" line="39"/>
        <source>Seed demo accounts into the hosted server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/main.cpp" line="55"/>
        <source>Demo clinic accounts (user name / password):</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vw::chat::Composer</name>
    <message>
        <location filename="../app/chat/composer.cpp" line="149"/>
        <source>Message composer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/composer.cpp" line="152"/>
        <source>Reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/composer.cpp" line="164"/>
        <source>Cancel reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/composer.cpp" line="164"/>
        <source>Cancel reply (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/composer.cpp" line="176"/>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/composer.cpp" line="177"/>
        <source>Enter sends, Shift+Enter starts a new line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/composer.cpp" line="178"/>
        <source>Write a message…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/composer.cpp" line="190"/>
        <source>Attach</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/composer.cpp" line="190"/>
        <source>Attach file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/composer.cpp" line="190"/>
        <source>Attach a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/composer.cpp" line="193"/>
        <source>Urgent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/composer.cpp" line="193"/>
        <source>Mark as urgent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/composer.cpp" line="194"/>
        <source>Mark this message as urgent: the care team is alerted at once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/composer.cpp" line="198"/>
        <source>Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/composer.cpp" line="198"/>
        <source>Send message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/composer.cpp" line="198"/>
        <source>Send (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/composer.cpp" line="229"/>
        <source>On</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/composer.cpp" line="229"/>
        <source>Off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/composer.cpp" line="273"/>
        <source>Replying to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/composer.cpp" line="275"/>
        <source>Replying to %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vw::chat::ConversationDelegate</name>
    <message>
        <location filename="../app/chat/conversationdelegate.cpp" line="203"/>
        <source>No messages yet</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vw::chat::LocalServerHost</name>
    <message>
        <location filename="../app/chat/localserverhost.cpp" line="24"/>
        <source>A clinic server is already running in this app.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vw::chat::MainWindow</name>
    <message>
        <location filename="../app/chat/mainwindow.cpp" line="59"/>
        <source>Connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/mainwindow.cpp" line="59"/>
        <source>Offline: messages are kept and sent when back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/mainwindow.cpp" line="68"/>
        <source>A message could not be sent: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../app/chat/mainwindow.cpp" line="86"/>
        <source>Signed out after %n minutes without activity.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/chat/mainwindow.cpp" line="182"/>
        <source>Attach files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/mainwindow.cpp" line="183"/>
        <source>Images and documents (*.png *.jpg *.jpeg *.gif *.webp *.heic *.pdf *.txt *.csv *.docx *.xlsx *.pptx *.odt);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/mainwindow.cpp" line="201"/>
        <source>%1 was not sent: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/mainwindow.cpp" line="209"/>
        <source>The file cannot be opened: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/mainwindow.cpp" line="293"/>
        <source>Conversations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/mainwindow.cpp" line="294"/>
        <source>Messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/mainwindow.cpp" line="295"/>
        <source>Conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/mainwindow.cpp" line="296"/>
        <source>Typing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/mainwindow.cpp" line="297"/>
        <source>Choose a conversation on the left.</source>
        <translation>Wählen Sie links eine Unterhaltung.</translation>
    </message>
    <message>
        <location filename="../app/chat/mainwindow.cpp" line="298"/>
        <source>Sign in to see your conversations.</source>
        <translation>Melden Sie sich an, um Ihre Unterhaltungen zu sehen.</translation>
    </message>
    <message>
        <location filename="../app/chat/mainwindow.cpp" line="300"/>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/mainwindow.cpp" line="302"/>
        <source>&amp;Go</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/mainwindow.cpp" line="303"/>
        <source>&amp;Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/mainwindow.cpp" line="305"/>
        <source>&amp;Host a clinic server on this computer…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/mainwindow.cpp" line="307"/>
        <source>Sign &amp;out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/mainwindow.cpp" line="309"/>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/mainwindow.cpp" line="311"/>
        <source>Next &amp;unread conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/mainwindow.cpp" line="313"/>
        <source>&amp;New conversation…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/mainwindow.cpp" line="315"/>
        <source>&amp;Search messages…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/mainwindow.cpp" line="317"/>
        <source>Write a &amp;message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/mainwindow.cpp" line="319"/>
        <source>System language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/mainwindow.cpp" line="331"/>
        <source>This computer hosts the clinic server at %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/mainwindow.cpp" line="332"/>
        <source>Server: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/mainwindow.cpp" line="359"/>
        <source>Signed in as %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/mainwindow.cpp" line="370"/>
        <source>Your session has ended. Please sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/mainwindow.cpp" line="372"/>
        <source>You were signed out from another place.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/mainwindow.cpp" line="407"/>
        <source>Clinic server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/mainwindow.cpp" line="408"/>
        <source>This computer already hosts the clinic server at %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/mainwindow.cpp" line="413"/>
        <location filename="../app/chat/mainwindow.cpp" line="418"/>
        <location filename="../app/chat/mainwindow.cpp" line="422"/>
        <source>Host a clinic server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/mainwindow.cpp" line="414"/>
        <source>Port for the clinic server (other computers on this network reach it through a TLS proxy):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/mainwindow.cpp" line="419"/>
        <source>Add the demo clinic (one provider and two patients) to try it out?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/mainwindow.cpp" line="427"/>
        <source>Demo clinic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/mainwindow.cpp" line="428"/>
        <source>Demo accounts (user name / password):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/mainwindow.cpp" line="494"/>
        <source>&amp;Reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/mainwindow.cpp" line="496"/>
        <source>&amp;Copy text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/mainwindow.cpp" line="499"/>
        <source>&amp;Delete for everyone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/mainwindow.cpp" line="510"/>
        <source>Delete message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/mainwindow.cpp" line="511"/>
        <source>Delete this message for everyone in the conversation? Its files go with it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../app/chat/mainwindow.cpp" line="536"/>
        <source>VytalWatch Messaging (%n unread)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/chat/mainwindow.cpp" line="536"/>
        <source>VytalWatch Messaging</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vw::chat::MessageDelegate</name>
    <message>
        <location filename="../app/chat/messagedelegate.cpp" line="90"/>
        <source>Virus-scanned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/messagedelegate.cpp" line="92"/>
        <source>Not scanned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/messagedelegate.cpp" line="161"/>
        <source>Reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/messagedelegate.cpp" line="167"/>
        <source>Earlier message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/messagedelegate.cpp" line="247"/>
        <source>Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/messagedelegate.cpp" line="249"/>
        <source>Yesterday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/messagedelegate.cpp" line="317"/>
        <location filename="../app/chat/messagedelegate.cpp" line="552"/>
        <source>Urgent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/messagedelegate.cpp" line="338"/>
        <source>This message was deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/messagedelegate.cpp" line="355"/>
        <source>%1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/messagedelegate.cpp" line="476"/>
        <source>Unread messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/messagedelegate.cpp" line="631"/>
        <source>Not sent · %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vw::chat::NewConversationDialog</name>
    <message>
        <location filename="../app/chat/newconversationdialog.cpp" line="36"/>
        <source>Patient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/newconversationdialog.cpp" line="38"/>
        <source>Provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/newconversationdialog.cpp" line="40"/>
        <source>Administrator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/newconversationdialog.cpp" line="80"/>
        <location filename="../app/chat/newconversationdialog.cpp" line="81"/>
        <source>New conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/newconversationdialog.cpp" line="83"/>
        <source>&amp;Find people:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/newconversationdialog.cpp" line="85"/>
        <source>Search people</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/newconversationdialog.cpp" line="86"/>
        <source>Name or user name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/newconversationdialog.cpp" line="92"/>
        <source>People</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/newconversationdialog.cpp" line="94"/>
        <source>Select one person for a conversation, or tick several for a care-team group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/newconversationdialog.cpp" line="95"/>
        <source>Select the person to write to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/newconversationdialog.cpp" line="100"/>
        <source>Group &amp;title:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/newconversationdialog.cpp" line="102"/>
        <source>Group title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/newconversationdialog.cpp" line="103"/>
        <source>Needed when several people are ticked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/newconversationdialog.cpp" line="109"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/newconversationdialog.cpp" line="114"/>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/newconversationdialog.cpp" line="124"/>
        <location filename="../app/chat/newconversationdialog.cpp" line="261"/>
        <source>&amp;Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/newconversationdialog.cpp" line="125"/>
        <source>Start conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/newconversationdialog.cpp" line="127"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/newconversationdialog.cpp" line="186"/>
        <source>Searching…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/newconversationdialog.cpp" line="211"/>
        <source>%1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/newconversationdialog.cpp" line="226"/>
        <source>No one found.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../app/chat/newconversationdialog.cpp" line="226"/>
        <source>%n people found.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/chat/newconversationdialog.cpp" line="261"/>
        <source>&amp;Create group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/newconversationdialog.cpp" line="353"/>
        <source>Opening the conversation…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vw::chat::SearchPanel</name>
    <message>
        <location filename="../app/chat/searchpanel.cpp" line="36"/>
        <source>(deleted message)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/searchpanel.cpp" line="52"/>
        <source>Message search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/searchpanel.cpp" line="55"/>
        <location filename="../app/chat/searchpanel.cpp" line="56"/>
        <source>Search messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/searchpanel.cpp" line="57"/>
        <source>Finds whole words. Press Enter to search, Escape to close.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/searchpanel.cpp" line="61"/>
        <source>&amp;This conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/searchpanel.cpp" line="62"/>
        <source>Search this conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/searchpanel.cpp" line="63"/>
        <source>&amp;All conversations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/searchpanel.cpp" line="64"/>
        <source>Search all conversations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/searchpanel.cpp" line="72"/>
        <source>Search results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/searchpanel.cpp" line="78"/>
        <source>Search status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/searchpanel.cpp" line="156"/>
        <source>Searching…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/searchpanel.cpp" line="176"/>
        <source>%1 · %2
%3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/searchpanel.cpp" line="180"/>
        <source>No messages found.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../app/chat/searchpanel.cpp" line="181"/>
        <source>%n message(s) found.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/chat/searchpanel.cpp" line="205"/>
        <source>Unknown sender</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vw::chat::SignInDialog</name>
    <message>
        <location filename="../app/chat/signindialog.cpp" line="48"/>
        <source>Sign in to VytalWatch</source>
        <translation>Bei VytalWatch anmelden</translation>
    </message>
    <message>
        <location filename="../app/chat/signindialog.cpp" line="49"/>
        <location filename="../app/chat/signindialog.cpp" line="97"/>
        <location filename="../app/chat/signindialog.cpp" line="98"/>
        <location filename="../app/chat/signindialog.cpp" line="157"/>
        <source>Sign in</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <location filename="../app/chat/signindialog.cpp" line="51"/>
        <source>Sign in to VytalWatch Messaging</source>
        <translation>Bei VytalWatch Messaging anmelden</translation>
    </message>
    <message>
        <location filename="../app/chat/signindialog.cpp" line="58"/>
        <source>Server address</source>
        <translation>Serveradresse</translation>
    </message>
    <message>
        <location filename="../app/chat/signindialog.cpp" line="59"/>
        <source>https://clinic.example.org</source>
        <translation>https://clinic.example.org</translation>
    </message>
    <message>
        <location filename="../app/chat/signindialog.cpp" line="64"/>
        <source>Username</source>
        <translation>Benutzername</translation>
    </message>
    <message>
        <location filename="../app/chat/signindialog.cpp" line="68"/>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <location filename="../app/chat/signindialog.cpp" line="73"/>
        <source>Server address problem</source>
        <translation>Problem mit der Serveradresse</translation>
    </message>
    <message>
        <location filename="../app/chat/signindialog.cpp" line="77"/>
        <source>Security warning</source>
        <translation>Sicherheitswarnung</translation>
    </message>
    <message>
        <location filename="../app/chat/signindialog.cpp" line="79"/>
        <source>Plain http to another computer exposes health information to anyone on the network. Use an https:// address unless the server runs on this computer.</source>
        <translation>Unverschlüsseltes http zu einem anderen Computer macht Gesundheitsdaten für alle im Netzwerk sichtbar. Verwenden Sie eine https://-Adresse, außer der Server läuft auf diesem Computer.</translation>
    </message>
    <message>
        <location filename="../app/chat/signindialog.cpp" line="86"/>
        <source>Sign-in error</source>
        <translation>Anmeldefehler</translation>
    </message>
    <message>
        <location filename="../app/chat/signindialog.cpp" line="93"/>
        <source>Signing in</source>
        <translation>Anmeldung läuft</translation>
    </message>
    <message>
        <location filename="../app/chat/signindialog.cpp" line="101"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../app/chat/signindialog.cpp" line="106"/>
        <source>&amp;Server:</source>
        <translation>&amp;Server:</translation>
    </message>
    <message>
        <location filename="../app/chat/signindialog.cpp" line="108"/>
        <source>&amp;Username:</source>
        <translation>&amp;Benutzername:</translation>
    </message>
    <message>
        <location filename="../app/chat/signindialog.cpp" line="109"/>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
    <message>
        <location filename="../app/chat/signindialog.cpp" line="157"/>
        <source>Signing in…</source>
        <translation>Anmeldung läuft…</translation>
    </message>
</context>
<context>
    <name>vw::chat::TrayNotifier</name>
    <message>
        <location filename="../app/chat/traynotifier.cpp" line="50"/>
        <source>VytalWatch: urgent message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/traynotifier.cpp" line="50"/>
        <source>VytalWatch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/traynotifier.cpp" line="55"/>
        <source>Urgent message from %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/traynotifier.cpp" line="55"/>
        <source>New message from %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/traynotifier.cpp" line="61"/>
        <source>VytalWatch Messaging</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../app/chat/traynotifier.cpp" line="62"/>
        <source>VytalWatch Messaging: %n unread</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>vw::client::ChatSession</name>
    <message>
        <location filename="../app/client/chatsession.cpp" line="491"/>
        <location filename="../app/client/chatsession.cpp" line="518"/>
        <source>Open a conversation first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/client/chatsession.cpp" line="494"/>
        <location filename="../app/client/chatsession.cpp" line="520"/>
        <source>Messages cannot be sent in this session: the offline outbox is locked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/client/chatsession.cpp" line="496"/>
        <source>The message is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/client/chatsession.cpp" line="523"/>
        <source>Files can be sent when you are back online.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/client/chatsession.cpp" line="532"/>
        <source>No file was chosen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/client/chatsession.cpp" line="538"/>
        <source>%1 was not found.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/client/chatsession.cpp" line="540"/>
        <source>%1 cannot be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/client/chatsession.cpp" line="542"/>
        <source>%1 is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/client/chatsession.cpp" line="544"/>
        <source>%1 is %2; files up to %3 can be sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/client/chatsession.cpp" line="559"/>
        <source>The pasted image is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/client/chatsession.cpp" line="563"/>
        <source>The pasted image could not be converted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/client/chatsession.cpp" line="566"/>
        <source>The pasted image is %1; files up to %2 can be sent.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vw::client::ConversationListModel</name>
    <message>
        <location filename="../app/client/conversationlistmodel.cpp" line="550"/>
        <source>Unknown user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/client/conversationlistmodel.cpp" line="562"/>
        <source>Only you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/client/conversationlistmodel.cpp" line="605"/>
        <source>%1 is typing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/client/conversationlistmodel.cpp" line="607"/>
        <source>%1 and %2 are typing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../app/client/conversationlistmodel.cpp" line="609"/>
        <source>%n people are typing…</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../app/client/conversationlistmodel.cpp" line="618"/>
        <source>%n unread messages</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/client/conversationlistmodel.cpp" line="620"/>
        <source>urgent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/client/conversationlistmodel.cpp" line="622"/>
        <source>online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/client/conversationlistmodel.cpp" line="627"/>
        <source>last message: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vw::client::MessageListModel</name>
    <message>
        <location filename="../app/client/messagelistmodel.cpp" line="351"/>
        <source>This message was deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/client/messagelistmodel.cpp" line="359"/>
        <source>Photo</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../app/client/messagelistmodel.cpp" line="359"/>
        <source>%n photos</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../app/client/messagelistmodel.cpp" line="361"/>
        <source>%n files</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/client/messagelistmodel.cpp" line="665"/>
        <source>Unknown user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/client/messagelistmodel.cpp" line="710"/>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/client/messagelistmodel.cpp" line="710"/>
        <source>You</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/client/messagelistmodel.cpp" line="712"/>
        <source>urgent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/client/messagelistmodel.cpp" line="717"/>
        <source>sending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/client/messagelistmodel.cpp" line="720"/>
        <source>not sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/client/messagelistmodel.cpp" line="723"/>
        <source>sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/client/messagelistmodel.cpp" line="726"/>
        <source>delivered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/client/messagelistmodel.cpp" line="729"/>
        <source>read</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
